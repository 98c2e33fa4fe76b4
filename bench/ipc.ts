import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import type { ParsedJson } from '../test/support/json.js';

/**
 * Request/response over the child-process IPC channel: the orchestrator drives servers and load
 * generators that run in their own processes (the load never shares a process with a server).
 */
interface Request {
  id: number;
  type: string;
  payload: unknown;
}
type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

export interface Child {
  proc: ChildProcess;
  /** Resolves with the first `{ ready }` message the child sends. */
  ready: Promise<ParsedJson>;
  call<T = ParsedJson>(type: string, payload?: unknown, timeoutMs?: number): Promise<T>;
  /** Asks the child to exit, then kills it if it does not. */
  stop(): Promise<void>;
}

export function startChild(script: string, env: Record<string, string> = {}, execArgv: string[] = []): Child {
  const proc = fork(path.resolve(script), [], {
    execArgv: ['--import', 'tsx', ...execArgv],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let exited = false;
  const ready = new Promise<ParsedJson>((resolve, reject) => {
    proc.on('message', (m: ParsedJson) => {
      if (m && m.ready) return resolve(m.ready);
      const reply = m as Reply;
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.value);
      else waiting.reject(new Error(`${script}: ${reply.error}`));
    });
    proc.once('exit', (code, signal) => {
      exited = true;
      const error = new Error(`${script} exited (${code ?? signal})`);
      reject(error);
      for (const w of pending.values()) w.reject(error);
      pending.clear();
    });
  });
  ready.catch(() => {});
  return {
    proc,
    ready,
    call: (type, payload, timeoutMs = 600_000) =>
      new Promise((resolve, reject) => {
        if (exited) return reject(new Error(`${script} is not running`));
        const id = next++;
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${script}: "${type}" got no answer within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, {
          resolve: (v) => (clearTimeout(timer), resolve(v as never)),
          reject: (e) => (clearTimeout(timer), reject(e)),
        });
        proc.send({ id, type, payload } satisfies Request);
      }),
    stop: async () => {
      if (exited) return;
      const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      proc.send({ id: 0, type: 'stop', payload: null } satisfies Request);
      const killer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      await gone;
      clearTimeout(killer);
    },
  };
}

/** Child side: answers requests by type; `stop` runs `onStop` and exits. */
export function serveRequests(
  handlers: Record<string, (payload: ParsedJson) => unknown>,
  onStop: () => Promise<void> | void = () => {},
): void {
  const answer = async (m: Request) => {
    if (m.type === 'stop') {
      await onStop();
      process.exit(0);
    }
    const handler = handlers[m.type];
    try {
      if (!handler) throw new Error(`no handler for "${m.type}"`);
      const value = await handler(m.payload);
      process.send!({ id: m.id, ok: true, value } satisfies Reply);
    } catch (error) {
      process.send!({ id: m.id, ok: false, error: String((error as Error)?.stack ?? error) } satisfies Reply);
    }
  };
  process.on('message', (m: Request) => void answer(m));
  // An orphaned child (the orchestrator died) must not linger.
  process.on('disconnect', () => process.exit(0));
}

export function announceReady(value: unknown): void {
  process.send!({ ready: value });
}

const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();
/** Garbage-collection pauses since the last report. */
let gcPauses = { count: 0, totalMs: 0, maxMs: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gcPauses.count++;
    gcPauses.totalMs += e.duration;
    gcPauses.maxMs = Math.max(gcPauses.maxMs, e.duration);
  }
}).observe({ entryTypes: ['gc'] });

/**
 * A full GC before a figure: `'memory'` collects twice (what the first frees can free more), for
 * memory per session; `'settle'` once, after the idle before a latency run. Settled with two
 * collections back to back (and then the idle), the first of the 1,000-session runs went without
 * a single mark-compact while its heap doubled, unlike every run after it (`--trace-gc`); settled
 * with one after the idle, it behaves like the others. Nothing forces a collection in production.
 */
export type ForcedGc = 'memory' | 'settle' | false;

/**
 * Process figures a child reports: CPU so far, event-loop busy share and delay since the last
 * call (a loop that is late is latency no socket can hide), and memory — after a full GC when asked.
 */
let lastElu = performance.eventLoopUtilization();
export function processStats(gc: ForcedGc) {
  if (gc && typeof global.gc === 'function') {
    global.gc();
    if (gc === 'memory') global.gc();
  }
  const cpu = process.cpuUsage();
  const mem = process.memoryUsage();
  const elu = performance.eventLoopUtilization(lastElu);
  lastElu = performance.eventLoopUtilization();
  const delay = { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };
  loopDelay.reset();
  const pauses = gcPauses;
  gcPauses = { count: 0, totalMs: 0, maxMs: 0 };
  return {
    cpuMs: (cpu.user + cpu.system) / 1000,
    heapUsed: mem.heapUsed,
    rss: mem.rss,
    external: mem.external,
    busy: elu.utilization,
    loopDelay: delay,
    gc: pauses,
    writeBytes: bytesWritten(),
  };
}

/**
 * Bytes this process (every thread: the checkpointer's too) has sent to the storage layer so far:
 * Linux's `/proc/self/io` `write_bytes`, counted when a page is first dirtied — the write-ahead log's
 * frames and the pages checkpoints copy into the database, not bytes re-written to a page still
 * dirty. 0 where the file does not exist.
 */
function bytesWritten(): number {
  try {
    const line = fs.readFileSync('/proc/self/io', 'utf8').match(/^write_bytes: (\d+)$/m);
    return line ? Number(line[1]) : 0;
  } catch {
    return 0;
  }
}
