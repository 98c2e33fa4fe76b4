import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../faults/support/child-server.js';

/** Debian puts nginx in /usr/sbin, which a non-root PATH may not hold. */
export const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p)) ?? 'nginx';

/** The config Holdspace ships (docs/operations.md), as the test runs it. */
const SHIPPED = path.resolve('deploy/nginx/holdspace.conf');

export interface RunningNginx {
  url: string;
  stop(): Promise<void>;
}

/**
 * The shipped nginx config in front of `ports`, on a free port of 127.0.0.1: only its `listen` and
 * its upstreams' `server` lines are changed, so what is tested is what an operator installs. The
 * main file around it keeps everything in a temp folder (no /etc, no /var).
 */
export async function startNginx(ports: readonly number[]): Promise<RunningNginx> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdspace-nginx-'));
  const port = await freePort();
  const servers = ports.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join('\n');
  const site = fs
    .readFileSync(SHIPPED, 'utf8')
    .replace(/^ {4}listen \d+;$/m, `    listen 127.0.0.1:${port};`)
    .replace(/(?:^ {4}server 127\.0\.0\.1:\d+ [^\n]*\n)+/gm, `${servers}\n`);
  fs.writeFileSync(path.join(dir, 'holdspace.conf'), site);
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    [
      // Workers as the test's own user: the temp folders are its own.
      process.getuid?.() === 0 ? 'user root;' : '',
      'worker_processes 1;',
      'daemon off;',
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log warn;`,
      'events { worker_connections 4096; }',
      'http {',
      '  access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${dir}/${t};`),
      `  include ${dir}/holdspace.conf;`,
      '}',
    ].join('\n'),
  );
  const proc = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  proc.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  await listening(port, proc, () => errors);
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) {
        const gone = new Promise((resolve) => proc.once('exit', resolve));
        proc.kill('SIGTERM');
        await gone;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function listening(port: number, proc: ChildProcess, errors: () => string): Promise<void> {
  for (let tries = 0; tries < 100; tries++) {
    if (proc.exitCode !== null) throw new Error(`nginx exited: ${errors()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => (socket.end(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nginx did not listen on ${port}: ${errors()}`);
}
