import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../faults/support/child-server.js';
import { postgresBinDir } from './postgres-binaries.js';

/**
 * A real PostgreSQL for the tests that need one, never skipped. With `HOLDSPACE_TEST_DATABASE_URL`
 * set (a role that may create databases), that server is used; otherwise this worker starts a
 * throwaway server of its own from Debian's binaries (the pretest installs them: ensure-tools.ts)
 * on a free port of 127.0.0.1, fsync on, and it stops when the worker ends. Each test file takes a
 * fresh database of its own (`freshDatabase`).
 */
export interface TestDatabase {
  url: string;
  /** Drops the database (its connections are ended first). */
  drop(): Promise<void>;
}

const run = promisify(execFile);
/** One server per worker, started on first use. */
let serverUrl: Promise<string> | null = null;

export async function freshDatabase(): Promise<TestDatabase> {
  serverUrl ??= process.env.HOLDSPACE_TEST_DATABASE_URL ? Promise.resolve(process.env.HOLDSPACE_TEST_DATABASE_URL) : startServer();
  const admin = await serverUrl;
  const name = `hs_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withClient(admin, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE template0`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withClient(admin, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Starts a throwaway server; resolves with its URL once it answers. initdb refuses to run as root,
 * so a root worker runs it, and the server, as the `postgres` system user in a folder it owns.
 */
/** The folder of the server this worker started, for `restartPostgres`. */
let ownServer: { dir: string; data: string; url: string } | null = null;

/**
 * Restarts this worker's PostgreSQL (a fast shutdown: every connection is ended, then the server
 * comes back on the same port and folder) and resolves once it answers again after `downMs` down.
 * Only the worker's own server can be restarted: with HOLDSPACE_TEST_DATABASE_URL, every
 * connection to it is ended instead, which is what its clients see of a restart.
 */
export async function restartPostgres(downMs: number): Promise<void> {
  if (!ownServer) {
    await withClient(process.env.HOLDSPACE_TEST_DATABASE_URL!, (client) =>
      client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname IS NOT NULL'),
    );
    return;
  }
  const { dir, data, url } = ownServer;
  fs.writeFileSync(path.join(dir, 'restart'), (downMs / 1000).toFixed(1));
  const pid = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  process.kill(pid, 'SIGINT');
  // The shell removes the file once it has slept `downMs` and starts the server again.
  while (fs.existsSync(path.join(dir, 'restart'))) await new Promise((r) => setTimeout(r, 20));
  for (let tries = 0; ; tries++) {
    try {
      await withClient(url, (client) => client.query('SELECT 1'));
      return;
    } catch (error) {
      if (tries > 300) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function startServer(): Promise<string> {
  const bin = postgresBinDir();
  if (!bin)
    throw new Error(
      "No PostgreSQL ≥ 15 found: run `npm test` (its pretest installs Debian's postgresql) or set HOLDSPACE_TEST_DATABASE_URL.",
    );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdspace-pg-'));
  const asOwner = ownerOf(dir);
  const data = path.join(dir, 'data');
  await run(...asOwner(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C']));
  // A port can be taken between our probe and the server's bind: try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const server = launch(asOwner, bin, dir, data, port);
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    try {
      await answering(url, server);
      ownServer = { dir, data, url };
      return url;
    } catch (error) {
      server.stdin?.end();
      if (attempt === 3) throw error;
    }
  }
}

type AsOwner = (command: string, args: string[]) => [string, string[]];

/** Root hands the folder to the `postgres` user and runs commands as it; anyone else runs them as itself. */
function ownerOf(dir: string): AsOwner {
  if (process.getuid?.() !== 0) return (command, args) => [command, args];
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
  fs.chownSync(dir, uid, gid);
  return (command, args) => ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', command, ...args]];
}

/**
 * The server under a small shell that stops it (fast shutdown) and removes its folder as soon as
 * our end of its stdin closes — which happens when this worker exits, however it exits, so no
 * server outlives its tests.
 */
function launch(asOwner: AsOwner, bin: string, dir: string, data: string, port: number): ChildProcess {
  const settings = {
    listen_addresses: '127.0.0.1',
    port: String(port),
    unix_socket_directories: '',
    fsync: 'on',
    synchronous_commit: 'on',
    max_connections: '40',
    // PostgreSQL's own default. At 32 MB the 1,000 sessions' rows and snapshots did not fit, and
    // the steady bench's one-node p99 was 94–96 ms where it is 43–59 ms at 128 MB (issue 19).
    shared_buffers: '128MB',
  };
  const args = Object.entries(settings).flatMap(([key, value]) => ['-c', `${key}=${value}`]);
  // A `restart` file beside the data folder (holding the seconds to stay down), then a fast
  // shutdown, starts the server again on the same folder and port (`restartPostgres`); any other
  // exit ends the shell.
  const script = [
    'bin=$0 data=$1; shift',
    'exec 3<&0',
    '( cat <&3 >/dev/null; kill -INT $(head -1 "$data/postmaster.pid") ) &',
    'while :; do',
    '  "$bin" -D "$data" "$@" & pid=$!',
    '  wait $pid',
    `  [ -e '${dir}/restart' ] || break`,
    `  sleep "$(cat '${dir}/restart')"; rm -f '${dir}/restart'`,
    'done',
    `rm -rf '${dir}'`,
  ].join('\n');
  // `sh -c script $0 $1 args…`: the binary, the data folder and the settings are positional, quoted by no one.
  const [command, argv] = asOwner('sh', ['-c', script, path.join(bin, 'postgres'), data, ...args]);
  const child = spawn(command, argv, { stdio: ['pipe', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  child.once('exit', (code) => child.emit('gone', new Error(`PostgreSQL exited (${code}): ${log}`)));
  // The server must not keep the worker alive: the worker's exit is what stops it.
  child.unref();
  for (const stream of [child.stdin, child.stderr]) (stream as net.Socket).unref();
  return child;
}

/** Resolves once the server accepts a connection; rejects if it exits or takes longer than 60 s. */
async function answering(url: string, server: ChildProcess): Promise<void> {
  const exited: { error: Error | null } = { error: null };
  server.once('gone', (error: Error) => (exited.error = error));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited.error) throw exited.error;
    try {
      await withClient(url, (client) => client.query('SELECT 1'));
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
