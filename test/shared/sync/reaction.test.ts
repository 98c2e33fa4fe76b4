import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StatePatch } from '../../../shared/protocol.js';
import { REACTION_MS, shownAfter, versionMeant, type Shown } from '../../../shared/sync/reaction.js';
import { applied, NEXT, NOTE, patchTo, stateAt } from './fake-socket.js';
import { connectedAt, tick } from './support.js';

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

const ROBIN = { actorId: 'co-1', actorName: 'Robin' };
const by = (patch: StatePatch, commandType: 'floor.next' | 'flag.raise' | 'signal.send'): StatePatch => ({
  ...patch,
  cause: { ...ROBIN, commandType },
});

/** The history a screen keeps when versions arrive at the given times. */
function history(...arrivals: [version: number, at: number, commandType?: 'floor.next' | 'flag.raise'][]): Shown[] {
  return arrivals.reduce<Shown[]>(
    (shown, [version, at, commandType = 'floor.next']) => shownAfter(shown, stateAt(version, { ...ROBIN, commandType }), at),
    [],
  );
}

describe('[P45] the version a press is meant for (pure)', () => {
  it('is the newest version once it has been on screen for the reaction window', () => {
    const shown = history([6, 1_000], [7, 2_000]);
    expect(versionMeant(shown, 2_000 + REACTION_MS)).toBe(7);
    expect(versionMeant(shown, 2_600)).toBe(7);
  });

  it('is the version before a change that came on screen less than the window before the press', () => {
    const shown = history([6, 1_000], [7, 2_000]);
    expect(versionMeant(shown, 2_150)).toBe(6);
    expect(versionMeant(shown, 2_000 + REACTION_MS - 1)).toBe(6);
  });

  it('goes back past every recent change: two changes 100 ms apart both land within one reaction', () => {
    const shown = history([6, 1_000], [7, 2_000], [8, 2_100]);
    expect(versionMeant(shown, 2_200)).toBe(6);
    expect(versionMeant(shown, 2_350)).toBe(7);
  });

  it('does not count a side record (a flag, a note, a signal): a press just after one is meant for it', () => {
    expect(versionMeant(history([6, 1_000], [7, 2_000, 'flag.raise']), 2_100)).toBe(7);
    // A move under a later flag is still a move: the press was meant for before both.
    expect(versionMeant(history([6, 1_000], [7, 2_000], [8, 2_050, 'flag.raise']), 2_100)).toBe(6);
  });

  it('is the first state shown when nothing came before it, and undefined before any', () => {
    expect(versionMeant(history([6, 1_000]), 1_010)).toBe(6);
    expect(versionMeant([], 1_000)).toBeUndefined();
  });

  it('keeps only what a later press can need: the window and the version before it', () => {
    const shown = history([1, 0], [2, 1_000], [3, 2_000], [4, 2_100]);
    expect(shown.map((s) => s.version)).toEqual([2, 3, 4]);
  });

  it('a change that came on screen after the press moment (the finger was already down) was not pressed for', () => {
    expect(versionMeant(history([6, 1_000], [7, 5_000]), 4_600)).toBe(6);
  });

  it('takes a clock that went far back as long ago, not as a change that never ages', () => {
    expect(versionMeant(history([6, 1_000], [7, 50_000]), 30_000)).toBe(7);
  });
});

describe('[P45] the sync client presses with the version the person reacted to', () => {
  it('a Next speaker pressed 150 ms after a broadcast change carries the version before it', async () => {
    const { socket, client } = await connectedAt(6);
    await tick(1_000);
    socket.broadcast(by(patchTo(7), 'floor.next'));
    await tick(150);
    client.press(NEXT);
    expect(socket.last('session:command').payload).toMatchObject({ command: NEXT, expectedVersion: 6 });
  });

  it('a Next speaker pressed 600 ms after the change carries the new version', async () => {
    const { socket, client } = await connectedAt(6);
    await tick(1_000);
    socket.broadcast(by(patchTo(7), 'floor.next'));
    await tick(600);
    client.press(NEXT);
    expect(socket.last('session:command').payload).toMatchObject({ expectedVersion: 7 });
  });

  it('measures from the moment given (the finger went down), not from when the press is sent', async () => {
    const { socket, client } = await connectedAt(6);
    await tick(1_000);
    const down = Date.now();
    await tick(80); // the change lands while the finger is down…
    socket.broadcast(by(patchTo(7), 'floor.next'));
    await tick(400); // …and it is lifted well after
    client.press(NEXT, { at: down });
    expect(socket.last('session:command').payload).toMatchObject({ expectedVersion: 6 });
  });

  it('a signal landing just before the press does not make it stale', async () => {
    const { socket, client } = await connectedAt(6);
    await tick(1_000);
    socket.broadcast(by(patchTo(7), 'signal.send'));
    await tick(50);
    client.press(NEXT);
    expect(socket.last('session:command').payload).toMatchObject({ expectedVersion: 7 });
  });

  it('a second press of one’s own within the window (a double tap) carries the version the first acted on', async () => {
    const { socket, client } = await connectedAt(6);
    await tick(1_000);
    client.press(NEXT);
    socket.last('session:command').answer(applied(7));
    socket.broadcast(by(patchTo(7), 'floor.next'));
    await tick(120);
    client.press(NEXT);
    expect(socket.sent('session:command').map((c) => c.payload.expectedVersion)).toEqual([6, 6]);
  });

  it('a command that does not depend on what was seen is pressed without a version', async () => {
    const { socket, client } = await connectedAt(6);
    socket.broadcast(by(patchTo(7), 'floor.next'));
    client.press(NOTE);
    expect(socket.last('session:command').payload).not.toHaveProperty('expectedVersion');
  });

  it('the window is configuration: 0 ms takes the newest version at once', async () => {
    const { socket, client } = await connectedAt(6, { reactionMs: 0 });
    socket.broadcast(by(patchTo(7), 'floor.next'));
    client.press(NEXT);
    expect(socket.last('session:command').payload).toMatchObject({ expectedVersion: 7 });
  });
});
