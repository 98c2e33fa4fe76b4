import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashOf, LoggedCommands } from '../../server/live/logged-commands.js';

describe('[P7] the command ids a held session knows its log holds', () => {
  it('holds every id added, from the log and after it, and answers "no" for fresh ids', () => {
    const fromLog = Array.from({ length: 300 }, () => randomUUID());
    const logged = new LoggedCommands(fromLog);
    const appliedHere = Array.from({ length: 500 }, () => randomUUID());
    for (const id of appliedHere) logged.add(id);
    expect([...fromLog, ...appliedHere].every((id) => logged.mayHold(id))).toBe(true);
    const fresh = Array.from({ length: 10_000 }, () => randomUUID());
    // A "maybe" is only a look-up in the log; among 800 ids a random one collides about once in 5 million.
    expect(fresh.filter((id) => logged.mayHold(id)).length).toBeLessThanOrEqual(1);
  });

  it('hashes to 32 bits, the same id always alike, and spreads ids that differ in one character', () => {
    const id = randomUUID();
    expect(hashOf(id)).toBe(hashOf(id));
    expect(hashOf(id)).toBeGreaterThanOrEqual(0);
    expect(hashOf(id)).toBeLessThan(2 ** 32);
    const neighbours = new Set(Array.from({ length: 16 }, (_, i) => hashOf(id.slice(0, -1) + i.toString(16))));
    expect(neighbours.size).toBe(16);
  });
});
