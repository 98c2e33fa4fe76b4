import { describe, expect, it } from 'vitest';
import { facilitatorWork, recordState, reviewerWork, RECORD_STATE_WORDS, type RecordFacts } from '../../../shared/review/record-state.js';

const ended = (lockedAt: number | null, addendaAt: number[] = []): RecordFacts => ({ status: 'ended', lockedAt, addendaAt });

describe('[R28] where a session stands as a record', () => {
  it('an open session shows its status; an ended one needs a signature, then is signed, then shows an addendum', () => {
    expect(recordState({ status: 'lobby', lockedAt: null, addendaAt: [] })).toBe('lobby');
    expect(recordState({ status: 'live', lockedAt: null, addendaAt: [] })).toBe('live');
    expect(recordState({ status: 'paused', lockedAt: null, addendaAt: [] })).toBe('paused');
    expect(recordState(ended(null))).toBe('needsSignature');
    expect(recordState(ended(100))).toBe('signed');
    expect(recordState(ended(100, [200]))).toBe('addendum');
    expect([RECORD_STATE_WORDS.needsSignature, RECORD_STATE_WORDS.signed, RECORD_STATE_WORDS.addendum]).toEqual([
      'Needs signature',
      'Signed',
      'Addendum',
    ]);
  });

  it('a facilitator owes the notes of those who attended, then the signature, then nothing', () => {
    expect(facilitatorWork(ended(null), { written: 2, due: 5 })).toBe('notes');
    expect(facilitatorWork(ended(null), { written: 5, due: 5 })).toBe('sign');
    // Nobody attended: no note is due, only the signature.
    expect(facilitatorWork(ended(null), { written: 0, due: 0 })).toBe('sign');
    expect(facilitatorWork(ended(100), { written: 0, due: 5 })).toBeNull();
    expect(facilitatorWork({ status: 'live', lockedAt: null, addendaAt: [] }, { written: 0, due: 5 })).toBeNull();
  });

  it('a reviewer has a signed record to read until they open it, and again after each addendum', () => {
    expect(reviewerWork(ended(null), null)).toBeNull(); // not signed yet: not theirs to read
    expect(reviewerWork(ended(100), null)).toBe('read');
    expect(reviewerWork(ended(100), 100)).toBeNull();
    expect(reviewerWork(ended(100), 50)).toBe('read'); // opened before the signature
    expect(reviewerWork(ended(100, [200, 300]), 250)).toBe('readAddendum');
    expect(reviewerWork(ended(100, [200, 300]), 300)).toBeNull();
    expect(reviewerWork(ended(100, [200]), null)).toBe('read');
  });
});
