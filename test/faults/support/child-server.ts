import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

/** The secret the in-process test server signs cookies with, so its sign-ins hold in a child too. */
export const TEST_SECRET = 'test-secret-that-is-long-enough-for-better-auth';

/** A free port on loopback (for a server that must come back on the same address). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Holdspace exactly as `npm run serve` starts it (server/index.ts), in its own process on
 * 127.0.0.1, so that it can be killed without warning.
 */
export class ChildServer {
  proc: ChildProcess | null = null;
  constructor(
    readonly dataDir: string,
    readonly port: number,
    /** More environment: DATABASE_URL for a node of a cluster (test/cluster). */
    readonly env: Record<string, string> = {},
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  start(): Promise<void> {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      env: {
        ...process.env,
        DATA_DIR: this.dataDir,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        BETTER_AUTH_SECRET: TEST_SECRET,
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc = proc;
    let output = '';
    return new Promise((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Holdspace is running')) {
          proc.stdout.off('data', onData);
          resolve();
        }
      };
      proc.stdout.on('data', onData);
      proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      proc.once('exit', (code, signal) => reject(new Error(`server exited early (${code ?? signal}):\n${output.slice(-2000)}`)));
    });
  }

  /** SIGSTOP / SIGCONT: the process freezes (its sockets and its database connections stay open) and wakes. */
  signal(signal: 'SIGSTOP' | 'SIGCONT'): void {
    this.proc?.kill(signal);
  }

  /** SIGTERM, as an orchestrator stops a process: resolves when it has exited. */
  async terminate(): Promise<number | null> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return proc?.exitCode ?? null;
    const code = new Promise<number | null>((r) => proc.once('exit', (c) => r(c)));
    proc.kill('SIGTERM');
    this.proc = null;
    return code;
  }

  /** SIGKILL: no shutdown handler runs, no buffer is flushed. */
  async kill9(): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await gone;
    this.proc = null;
  }
}
