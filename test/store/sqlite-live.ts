import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAuth, migrateAuth } from '../../server/auth/auth.js';
import { sqliteStore } from '../../server/store/sqlite/index.js';
import { openDatabase } from '../../server/store/sqlite/open.js';
import type { GroupWrite, LiveStore, SessionRow, Store } from '../../server/store/types.js';

/** The group a contract's sessions belong to: their foreign key wants one. */
export const CONTRACT_GROUP: GroupWrite = {
  name: 'Contract group',
  focus: null,
  billingCode: '90853',
  agreements: '',
  coFacilitatorId: null,
  members: [],
};

/**
 * A fresh SQLite store in a folder of its own, with better-auth's tables made first, as in the
 * server. `reopen` opens another connection on the same file, as a second process would.
 */
export async function openSqliteContract() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdspace-store-contract-'));
  // Gone with the worker even when opening fails part-way.
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const db = openDatabase(dir);
  // The store's tables come after the accounts' (better-auth's), as in the server.
  await migrateAuth(createAuth({ kind: 'sqlite', db }, 'contract-test-secret-long-enough-for-better-auth', null));
  const stores = [sqliteStore(db)];
  return {
    db,
    store: stores[0]!,
    reopen: (): Store => {
      stores.push(sqliteStore(openDatabase(dir)));
      return stores.at(-1)!;
    },
    close: async () => {
      for (const s of stores) await s.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The SQLite side of the live store contract (./live-store-contract.test.ts): a fresh database file. */
export async function openSqliteLive() {
  const { store, reopen, close } = await openSqliteContract();
  return {
    live: store.live,
    secondWriter: async (): Promise<LiveStore> => reopen().live,
    create: async (row: SessionRow) => {
      // A session's group must exist (its foreign key); the machine takes its seats as they are.
      await store.groups.create(row.groupId, row.leadId, CONTRACT_GROUP, row.createdAt);
      await store.sessions.create(row);
    },
    close,
  };
}
