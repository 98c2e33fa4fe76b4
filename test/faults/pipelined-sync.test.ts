import { describe, expect, it } from 'vitest';
import { pipelinedSync, SYNCS_IN_FLIGHT } from '../../server/store/pipelined-sync.js';

/** The pipelining under the group commit, on its own: syncs are answered by hand, in any order. */
function harness() {
  const committed: string[][] = [];
  const delivered: string[][] = [];
  const syncs: ((error: Error | null) => void)[] = [];
  const failures: { message: string; waiting: number }[] = [];
  const submit = pipelinedSync<string, string>({
    commit: (group) => (committed.push([...group]), group.map((item) => `${item}!`)),
    sync: (done) => void syncs.push(done),
    deliver: (group, results) => void delivered.push(results),
    syncFailed: (error, waiting) => void failures.push({ message: error.message, waiting }),
  });
  return { submit, committed, delivered, syncs, failures };
}
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('pipelined sync (the group commit’s pipelining)', () => {
  it('items of one turn form one group; past two syncs out, new items wait and form one group', async () => {
    const h = harness();
    h.submit('a');
    h.submit('b');
    await turn();
    h.submit('c');
    await turn();
    h.submit('d');
    h.submit('e');
    await turn();
    expect(SYNCS_IN_FLIGHT).toBe(2);
    expect(h.committed).toEqual([['a', 'b'], ['c']]); // d and e wait for a slot
    h.syncs[0]!(null);
    await turn();
    expect(h.delivered).toEqual([['a!', 'b!']]);
    expect(h.committed).toEqual([['a', 'b'], ['c'], ['d', 'e']]);
  });

  it('a later sync returning first waits for the group before it; both are then answered in order', async () => {
    const h = harness();
    h.submit('a');
    await turn();
    h.submit('b');
    await turn();
    h.syncs[1]!(null);
    expect(h.delivered).toEqual([]);
    h.syncs[0]!(null);
    expect(h.delivered).toEqual([['a!'], ['b!']]);
  });

  it('after a failed sync nothing of that group or later is answered, and nothing more is committed', async () => {
    const h = harness();
    h.submit('a');
    await turn();
    h.submit('b');
    await turn();
    h.submit('c');
    await turn();
    h.syncs[1]!(null);
    h.syncs[0]!(new Error('EIO'));
    h.submit('d');
    await turn();
    expect(h.failures).toEqual([{ message: 'EIO', waiting: 3 }]); // a, b (synced, held behind a) and c
    expect(h.delivered).toEqual([]);
    expect(h.committed).toEqual([['a'], ['b']]);
  });
});
