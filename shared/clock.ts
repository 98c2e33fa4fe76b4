/**
 * Clock-offset estimation, NTP-style (BRIEF §5): a client pings, the server answers with its time,
 * and the sample with the lowest round trip is the one to trust, since its one-way delays are the
 * least able to be lopsided. Pure: the caller supplies every reading of its own clock.
 */
export interface ClockSample {
  /** Client clock when the ping was sent. */
  sentAt: number;
  /** Server clock in the answer. */
  serverNow: number;
  /** Client clock when the answer arrived. */
  receivedAt: number;
}

export interface ClockEstimate {
  /** Add to the client's clock to get the server's. */
  offsetMs: number;
  roundTripMs: number;
}

export function estimateFromSample({ sentAt, serverNow, receivedAt }: ClockSample): ClockEstimate {
  const roundTripMs = Math.max(0, receivedAt - sentAt);
  return { offsetMs: serverNow - (sentAt + roundTripMs / 2), roundTripMs };
}

/** The estimate from the sample with the lowest round trip; null with no samples. */
export function bestEstimate(samples: readonly ClockSample[]): ClockEstimate | null {
  let best: ClockEstimate | null = null;
  for (const sample of samples) {
    const estimate = estimateFromSample(sample);
    if (best === null || estimate.roundTripMs < best.roundTripMs) best = estimate;
  }
  return best;
}

/** How many pings make one estimate (redone on reconnect, on wake and every minute). */
export const CLOCK_SAMPLES_PER_ESTIMATE = 5;
