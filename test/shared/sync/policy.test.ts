import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../../../shared/protocol.js';
import { backoffMs, calmMessage, ERROR_POLICY, policyOf, refusalOf } from '../../../shared/sync/policy.js';
import { stateAt } from './fake-socket.js';

/** docs/protocol.md §6, "what a client should do", as the table the sync client acts on. */
const PRESCRIBED: Record<ErrorCode, string> = {
  BAD_REQUEST: 'tell',
  UNAUTHENTICATED: 'stop',
  FORBIDDEN: 'stop',
  NOT_FOUND: 'stop',
  PROTOCOL_MISMATCH: 'stop',
  STALE: 'resync',
  WRONG_STATE: 'resync',
  NOT_ALLOWED: 'resync',
  RATE_LIMITED: 'retry',
  LOCKED: 'stop',
  TWO_FACTOR_REQUIRED: 'stop',
  PASSWORD_CHANGE_REQUIRED: 'stop',
  STORAGE_FAILED: 'retry',
  MOVING: 'retry',
  INTERNAL: 'retry',
};

describe('[P23] the error policy', () => {
  it('classifies every error code, and only those', () => {
    expect(Object.keys(ERROR_POLICY).sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });

  it.each(Object.keys(ERROR_CODES) as ErrorCode[])('%s: does what docs/protocol.md §6 prescribes', (code) => {
    expect(policyOf(code).do).toBe(PRESCRIBED[code]);
  });

  it('retries INTERNAL once and then joins again; the passing codes a few times, never forever', () => {
    expect(ERROR_POLICY.INTERNAL).toEqual({ do: 'retry', tries: 2, rejoin: true });
    for (const code of ['RATE_LIMITED', 'STORAGE_FAILED'] as const) expect(ERROR_POLICY[code].tries).toBeGreaterThan(1);
  });

  it('tells, and never retries, a code it does not know (a newer server’s)', () => {
    expect(policyOf('SOMETHING_NEW')).toEqual({ do: 'tell' });
  });

  it('backs off from 250 ms, doubling, to at most 4 s', () => {
    expect([1, 2, 3, 4, 5, 6, 9].map(backoffMs)).toEqual([250, 500, 1000, 2000, 4000, 4000, 4000]);
  });

  it('reads a refused handshake’s code and message, and a network error as no code', () => {
    expect(refusalOf(Object.assign(new Error('x'), { data: { code: 'UNAUTHENTICATED', message: 'Please sign in again.' } }))).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'Please sign in again.',
    });
    expect(refusalOf(Object.assign(new Error('x'), { data: { code: 'PROTOCOL_MISMATCH' } }))).toEqual({
      code: 'PROTOCOL_MISMATCH',
      message: ERROR_CODES.PROTOCOL_MISMATCH,
    });
    expect(refusalOf(new Error('xhr poll error'))).toEqual({ code: null, message: 'xhr poll error' });
  });

  it('words a lost race calmly: by whom, or "Already done" when it was oneself', () => {
    const won = stateAt(4, { actorId: 'co-1', actorName: 'Robin', commandType: 'floor.next' });
    const stale = { code: 'STALE' as const, message: ERROR_CODES.STALE, state: won };
    expect(calmMessage(stale, null, 'lead-1')).toBe('Already advanced by Robin.');
    expect(calmMessage(stale, null, 'co-1')).toBe('Already done.');
    expect(calmMessage({ code: 'NOT_ALLOWED', message: 'Nobody has the floor.' }, null, 'lead-1')).toBe('Nobody has the floor.');
  });
});
