/** Latency samples in milliseconds, summarised as the table prints them. */
export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export const EMPTY: Summary = { count: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN };

/** Nearest-rank percentiles over all samples (no sampling, no histogram buckets). */
export function summarise(samples: ArrayLike<number>, n = samples.length): Summary {
  if (n === 0) return EMPTY;
  const sorted = Float64Array.from({ length: n }, (_, i) => samples[i]!).sort();
  const at = (p: number) => sorted[Math.min(n - 1, Math.ceil((p / 100) * n) - 1)]!;
  return { count: n, p50: at(50), p95: at(95), p99: at(99), max: sorted[n - 1]! };
}

/** A growable buffer of samples that does not allocate per sample. */
export class Samples {
  private buf = new Float64Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.buf.length) {
      const bigger = new Float64Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.length++] = v;
  }
  summary(): Summary {
    return summarise(this.buf, this.length);
  }
  /** A copy, for a caller that pools several runs' samples (bench/cluster/steady.ts). */
  values(): number[] {
    return Array.from(this.buf.subarray(0, this.length));
  }
}
