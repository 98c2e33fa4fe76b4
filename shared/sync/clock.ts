import { bestEstimate, CLOCK_SAMPLES_PER_ESTIMATE, type ClockSample } from '../clock.js';
import type { PingAck } from '../protocol.js';

/** Sends one `clock:ping` and resolves with its answer (or rejects on timeout). */
type Ping = (clientSentAt: number) => Promise<PingAck>;

/**
 * Estimates server time minus client time, NTP-style: several pings one after another, keeping
 * the one with the lowest round trip (shared/clock.ts, decision 005). Resolves null when no ping
 * came back.
 */
export async function estimateOffset(ping: Ping, readClock: () => number): Promise<number | null> {
  const samples: ClockSample[] = [];
  for (let i = 0; i < CLOCK_SAMPLES_PER_ESTIMATE; i++) {
    const sentAt = readClock();
    try {
      const answer = await ping(sentAt);
      if (answer.ok) samples.push({ sentAt, serverNow: answer.serverNow, receivedAt: readClock() });
    } catch {
      break; // disconnected mid-estimate: keep what we have; the reconnect estimates again
    }
  }
  return bestEstimate(samples)?.offsetMs ?? null;
}

/** How often the estimate is redone while connected (the brief: every minute). */
export const CLOCK_RESYNC_MS = 60_000;
