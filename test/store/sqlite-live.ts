import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAuth, migrateAuth } from '../../server/auth/auth.js';
import { sqliteStore } from '../../server/store/sqlite/index.js';
import { openDatabase } from '../../server/store/sqlite/open.js';
import type { LiveStore, SessionRow, Store } from '../../server/store/types.js';

/** The SQLite side of the live store contract (./live-store-contract.test.ts): a fresh database file. */
export async function openSqliteLive() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holdspace-live-contract-'));
  // Gone with the worker even when opening fails part-way.
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const first = openDatabase(dir);
  // The store's tables come after the accounts' (better-auth's), as in the server.
  await migrateAuth(createAuth(first, 'contract-test-secret-long-enough-for-better-auth', null));
  const open = (): Store => sqliteStore(openDatabase(dir));
  const stores = [sqliteStore(first)];
  const store = stores[0]!;
  return {
    live: store.live,
    secondWriter: async (): Promise<LiveStore> => {
      stores.push(open());
      return stores.at(-1)!.live;
    },
    create: async (row: SessionRow) => {
      // A session's group must exist (its foreign key); the machine takes its seats as they are.
      await store.groups.create(
        row.groupId,
        row.leadId,
        { name: 'Contract group', focus: null, billingCode: '90853', agreements: '', coFacilitatorId: null, members: [] },
        row.createdAt,
      );
      await store.sessions.create(row);
    },
    close: async () => {
      for (const s of stores) await s.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
