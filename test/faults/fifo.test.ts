import { describe, expect, it } from 'vitest';
import { keyedFifo } from '../../server/live/fifo.js';

/** A promise the test settles by hand, so that "not yet" is a fact, not a timing. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('[P25] the per-session queue (server/live/fifo.ts), driven by hand', () => {
  it('[P25] work for one key runs one at a time in queued order, even when each awaits', async () => {
    const queue = keyedFifo();
    const steps: string[] = [];
    const gates = [gate(), gate(), gate()];
    const done = gates.map((g, i) =>
      queue('session-a', async () => {
        steps.push(`start ${i}`);
        await g.opened;
        steps.push(`end ${i}`);
        return i;
      }),
    );
    // Opened in reverse: each work still waits for the one before it to end.
    gates[2]!.open();
    gates[1]!.open();
    await Promise.resolve();
    expect(steps).toEqual(['start 0']);
    gates[0]!.open();
    expect(await Promise.all(done)).toEqual([0, 1, 2]);
    expect(steps).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('[P25] different keys do not wait for each other', async () => {
    const queue = keyedFifo();
    const held = gate();
    const first = queue('session-a', () => held.opened.then(() => 'a'));
    // Session b's work ends while session a's is still held.
    expect(await queue('session-b', async () => 'b')).toBe('b');
    held.open();
    expect(await first).toBe('a');
  });

  it('[P25] a failed work is its caller’s failure only: the next work of the key still runs', async () => {
    const queue = keyedFifo();
    const failed = queue('session-a', async () => {
      throw new Error('the store refused');
    });
    const next = queue('session-a', async () => 'ran');
    await expect(failed).rejects.toThrow('the store refused');
    expect(await next).toBe('ran');
  });

  it('[P25] work for an idle key starts inside the call, and a key is idle again once its work ends', async () => {
    const queue = keyedFifo();
    const steps: string[] = [];
    const first = queue('session-a', async () => steps.push('first'));
    // Started before the call returned: no turn of the event loop between a command and its step.
    expect(steps).toEqual(['first']);
    const second = queue('session-a', async () => steps.push('second'));
    expect(steps).toEqual(['first']);
    await Promise.all([first, second]);
    void queue('session-a', async () => steps.push('third'));
    expect(steps).toEqual(['first', 'second', 'third']);
  });
});
