import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What the figures were measured on; printed with them, since they mean nothing without it. */
export function describeMachine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}
export type Machine = ReturnType<typeof describeMachine>;

/**
 * How long the disk takes to make a write durable, measured where the bench keeps its data: every
 * commit waits for one, so on a shared or busy disk this explains more than any code does.
 */
export function probeFsync(dir: string, count = 200): { p50: number; p99: number } {
  const file = path.join(dir, 'fsync-probe');
  const fd = fs.openSync(file, 'w');
  const block = Buffer.alloc(4096, 7);
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    fs.writeSync(fd, block);
    const t = performance.now();
    fs.fsyncSync(fd);
    samples.push(performance.now() - t);
  }
  fs.closeSync(fd);
  fs.rmSync(file);
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(count / 2)]!, p99: samples[Math.ceil(count * 0.99) - 1]! };
}

/** The 1-minute load average: other work on the machine steals the cores the figures assume. */
export const loadAverage = () => os.loadavg()[0]!;
