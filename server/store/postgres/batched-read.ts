/** A key's answer, or absent when the database has no row for it. */
export type Answers<V> = Map<string, V>;

interface Asked<K, V> {
  key: K;
  resolve: (value: V | null) => void;
  reject: (error: Error) => void;
}

/**
 * Point reads asked in one turn of the event loop, made as one statement. The live path asks the
 * database of every command whether its sign-in is still good, of a held session's first command
 * which command ids its log holds, and of a possible repeat whether its id was applied; one round
 * trip per question per command held a node to about 140 commands a second. As with the group commit (./group-commit.ts), one batch is out at a time and what is
 * asked meanwhile forms the next, so under load the batches grow instead of the round trips
 * queueing for the pool.
 *
 * Nothing is cached: every answer comes from a statement that began after its question was
 * asked, so a sign-out committed before a command arrives is seen by that command (S11).
 */
export function batchedRead<K, V>(keyOf: (key: K) => string, load: (keys: K[]) => Promise<Answers<V>>) {
  let asked: Asked<K, V>[] = [];
  let reading = false;
  let scheduled = false;

  const read = async () => {
    scheduled = false;
    if (reading || asked.length === 0) return;
    reading = true;
    const batch = asked;
    asked = [];
    const distinct = new Map(batch.map((a) => [keyOf(a.key), a.key]));
    try {
      const answers = await load([...distinct.values()]);
      for (const a of batch) a.resolve(answers.get(keyOf(a.key)) ?? null);
    } catch (error) {
      for (const a of batch) a.reject(error as Error);
    } finally {
      reading = false;
      schedule();
    }
  };
  const schedule = () => {
    if (scheduled || reading || asked.length === 0) return;
    scheduled = true;
    setImmediate(() => void read());
  };

  return (key: K): Promise<V | null> =>
    new Promise<V | null>((resolve, reject) => {
      asked.push({ key, resolve, reject });
      schedule();
    });
}
