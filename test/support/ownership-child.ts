import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import type { ParsedJson } from './json.js';

/**
 * A node of its own (./ownership-node.ts) the test can freeze, wake and kill, and what it printed,
 * in order. Waits are bounded: a line that never comes fails the test instead of hanging it.
 */
export class OwnershipChild {
  readonly lines: ParsedJson[] = [];
  private readonly proc: ChildProcess;
  private waiters: (() => void)[] = [];
  private stderr = '';

  constructor(env: { DATABASE_URL: string; NODE_ID: string; TTL_MS: number; CLOCK_SKEW_MS?: number }) {
    this.proc = spawn(process.execPath, ['--import', 'tsx', 'test/support/ownership-node.ts'], {
      env: { ...process.env, ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    readline.createInterface({ input: this.proc.stdout! }).on('line', (line) => {
      this.lines.push(JSON.parse(line));
      for (const wake of this.waiters) wake();
    });
    this.proc.stderr!.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-4000)));
  }

  send(command: { do: 'claim'; sessions: string[] } | { do: 'state' }): void {
    this.proc.stdin!.write(`${JSON.stringify(command)}\n`);
  }

  /** The first line from `from` on (an index into `lines`) that matches, once it has been printed. */
  async next(match: (line: ParsedJson) => boolean, from = 0, timeoutMs = 20_000): Promise<ParsedJson> {
    const found = () => this.lines.slice(from).find(match);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`no such line from the node within ${timeoutMs} ms; it printed ${JSON.stringify(this.lines)}\n${this.stderr}`));
      }, timeoutMs);
      const check = () => {
        const line = found();
        if (!line) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve(line);
      };
      this.waiters.push(check);
      check();
    });
  }

  signal(signal: 'SIGSTOP' | 'SIGCONT'): void {
    this.proc.kill(signal);
  }

  /** SIGKILL (a frozen process dies of it too), resolved once it is gone. */
  async kill(): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    const gone = new Promise((resolve) => this.proc.once('exit', resolve));
    this.proc.kill('SIGKILL');
    await gone;
  }
}
