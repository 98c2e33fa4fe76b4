import readline from 'node:readline';
import { createOwnership, NotServing } from '../../server/cluster/ownership.js';
import { openPostgres } from '../../server/store/postgres/index.js';

/**
 * One node's ownership in a process of its own, for the tests that freeze (SIGSTOP) or kill one
 * (test/store/ownership-processes.test.ts; ./ownership-child.ts drives it). It registers, then takes
 * JSON lines on stdin — `{"do":"claim","sessions":[…]}`, `{"do":"state"}` — and prints what happens
 * as JSON lines, numbered, with `mayAcknowledge()` as it was at that moment.
 *
 * CLOCK_SKEW_MS shifts this process's wall clock (`Date.now`): ownership must not care.
 */
const skew = Number(process.env.CLOCK_SKEW_MS ?? 0);
if (skew) {
  const wall = Date.now.bind(Date);
  Date.now = () => wall() + skew;
}

let seq = 0;
const say = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ seq: ++seq, ...line })}\n`);

const pool = await openPostgres(process.env.DATABASE_URL!, 4);
const ownership = createOwnership({
  pool,
  url: `http://${process.env.NODE_ID}.test`,
  ttlMs: Number(process.env.TTL_MS),
  nodeId: process.env.NODE_ID!,
});
ownership.on('fenced', (reason) => say({ event: 'fenced', reason, mayAcknowledge: ownership.mayAcknowledge(), epoch: ownership.epoch() }));
ownership.on('registered', (epoch) => say({ event: 'registered', epoch }));
const asked = new Set<string>();

async function claim(session: string) {
  asked.add(session);
  const before = ownership.mayAcknowledge();
  try {
    const result = await ownership.claim(session);
    say({ event: 'claimed', session, before, ...result, mayAcknowledge: ownership.mayAcknowledge() });
  } catch (error) {
    if (!(error instanceof NotServing)) throw error;
    say({ event: 'refused', session, before, mayAcknowledge: ownership.mayAcknowledge() });
  }
}

await ownership.register();
for await (const line of readline.createInterface({ input: process.stdin })) {
  const command = JSON.parse(line) as { do: 'claim'; sessions: string[] } | { do: 'state' };
  if (command.do === 'claim') await Promise.all(command.sessions.map(claim));
  else
    say({
      event: 'state',
      epoch: ownership.epoch(),
      mayAcknowledge: ownership.mayAcknowledge(),
      owns: [...asked].filter((s) => ownership.owns(s)),
    });
}
