/**
 * The command ids in a held session's log, kept as 32-bit hashes so every new command need not
 * ask the database whether it was applied already (docs/protocol.md P7). On PostgreSQL that
 * question was one statement per command on the hot path; here it is a scan of a few hundred
 * numbers. "No" is certain; "maybe" (a retry, or a collision: about one in 10 million for a
 * session of 400 commands) is asked of the log as before. Four bytes per command, in one typed
 * array: results themselves are not kept (./live-session.ts says why).
 */
export class LoggedCommands {
  private hashes = new Uint32Array(64);
  private size = 0;

  constructor(commandIds: Iterable<string>) {
    for (const id of commandIds) this.add(id);
  }

  add(commandId: string): void {
    if (this.size === this.hashes.length) {
      const grown = new Uint32Array(this.hashes.length * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[this.size++] = hashOf(commandId);
  }

  /** False when the log certainly does not hold `commandId`. */
  mayHold(commandId: string): boolean {
    const hash = hashOf(commandId);
    for (let i = 0; i < this.size; i++) if (this.hashes[i] === hash) return true;
    return false;
  }
}

/** FNV-1a over the id's UTF-16 code units: fast, and spread well enough for random UUIDs. */
export function hashOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
