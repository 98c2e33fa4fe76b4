import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { persist } from '../../server/live/snapshot.js';
import type { CommandAck } from '../../shared/protocol.js';
import type { Command } from '../../shared/schemas/commands.js';
import { nextUpdate, type TestSocket } from '../support/sockets.js';
import { join, send, sessionFixture, type SessionFixture } from '../support/session-fixture.js';
import { checkStoredAgainstLog } from './support/invariants.js';
import { heldSyncs } from '../support/held-syncs.js';

/**
 * [P14] A failing or slow disk. A write that fails refuses its command with STORAGE_FAILED and
 * changes nothing, in memory or on disk; nothing is broadcast; the session goes on once writes
 * work again, and a retry with the same commandId applies once.
 */
let fx: SessionFixture;
afterEach(() => fx?.close());

/**
 * A clock ping answered on each socket: the server answers pings at once, so whatever it had sent
 * on that connection before (an ack, a broadcast) has arrived by then. Proves "not sent yet"
 * without a sleep.
 */
const pingBarrier = (...sockets: TestSocket[]) => Promise.all(sockets.map((s) => s.emitWithAck('clock:ping', { clientSentAt: 0 })));

/** Server memory, database and log all agree, at `version`. */
async function agreeAt(version: number) {
  const { log, replay, stored, errors } = checkStoredAgainstLog(fx.server.db, fx.sessionId);
  expect(errors).toEqual([]);
  expect(log).toHaveLength(version);
  expect(stored).toMatchObject({ value: replay.value, context: replay.context });
  const live = await fx.server.app.sessions.access(fx.sessionId, fx.lead.id);
  if (live.refused || !live.live) throw new Error('session not live');
  expect(live.live.version).toBe(version);
  expect(JSON.parse(persist(live.live.snapshot))).toMatchObject({ value: replay.value, context: replay.context });
}

async function started() {
  fx = await sessionFixture();
  const { lead, sessionId, member } = fx;
  for (const name of ['Sam', 'Ana', 'Kit', 'Jo'])
    await send(lead.socket, sessionId, { type: 'attendance.mark', memberId: member[name]!, mark: 'present' });
  await send(lead.socket, sessionId, { type: 'session.start' });
  await nextUpdate(fx.co.socket, 5);
  return 5;
}

/** Commands from both screens at once, so that several share one group commit. */
function burst(): { from: 'lead' | 'co'; command: Command; commandId: string }[] {
  const m = fx.member;
  return [
    { from: 'lead', command: { type: 'queue.add', memberId: m.Sam! }, commandId: 'burst-queue-sam' },
    {
      from: 'co',
      command: { type: 'note.add', text: 'Kit arrived upset.', memberId: m.Kit!, private: false },
      commandId: 'burst-note-kit',
    },
    { from: 'lead', command: { type: 'queue.add', memberId: m.Ana! }, commandId: 'burst-queue-ana' },
    { from: 'co', command: { type: 'signal.send', kind: 'wrapUp' }, commandId: 'burst-signal-01' },
    { from: 'lead', command: { type: 'floor.give', memberId: m.Jo! }, commandId: 'burst-floor-jo' },
  ];
}
const fire = (commands: ReturnType<typeof burst>): Promise<CommandAck[]> =>
  Promise.all(commands.map((c) => send(fx[c.from].socket, fx.sessionId, c.command, { commandId: c.commandId })));

describe('[P14] full disk', () => {
  it('every write failing: each command is refused with STORAGE_FAILED, nothing is broadcast, nothing changes; once the disk is back retries apply once', async () => {
    const version = await started();
    fx.co.socket.updates.length = 0;
    fx.server.db.exec(
      `CREATE TEMP TRIGGER disk_full BEFORE INSERT ON session_log BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`,
    );
    const failed = await fire(burst());
    for (const ack of failed) expect(ack).toMatchObject({ ok: false, code: 'STORAGE_FAILED' });
    await agreeAt(version);

    fx.server.db.exec('DROP TRIGGER temp.disk_full');
    const retried = await fire(burst());
    expect(retried.every((a) => a.ok && !a.duplicate)).toBe(true);
    expect(retried.map((a) => (a.ok ? a.version : 0)).sort((a, b) => a - b)).toEqual([6, 7, 8, 9, 10]);
    expect((await fire(burst())).every((a) => a.ok && a.duplicate)).toBe(true); // and once only
    await nextUpdate(fx.co.socket, 10);
    await agreeAt(10);
    // The retries' broadcasts are the only ones the other screen got: the failed round sent none.
    expect(fx.co.socket.updates.map((u) => u.version)).toEqual([6, 7, 8, 9, 10]);
    expect(fx.co.socket.missed).toEqual([]);
  });

  it('when the group’s COMMIT itself fails, every command in it is refused, memory is put back as the disk has it, and the session goes on', async () => {
    const version = await started();
    fx.co.socket.updates.length = 0;
    // A deferred constraint fails at COMMIT, after every command's own savepoint succeeded: the
    // nearest a test gets to the disk filling up while the group is being written.
    fx.server.db.exec(`
      CREATE TEMP TABLE fault_parent (id TEXT PRIMARY KEY);
      CREATE TEMP TABLE fault_child (parent TEXT REFERENCES fault_parent(id) DEFERRABLE INITIALLY DEFERRED);
      CREATE TEMP TRIGGER commit_fails AFTER INSERT ON session_log BEGIN INSERT INTO fault_child VALUES ('missing'); END;`);
    const failed = await fire(burst());
    for (const ack of failed) expect(ack).toMatchObject({ ok: false, code: 'STORAGE_FAILED' });
    await agreeAt(version);

    fx.server.db.exec('DROP TRIGGER temp.commit_fails');
    const retried = await fire(burst());
    expect(retried.every((a) => a.ok && !a.duplicate)).toBe(true);
    await nextUpdate(fx.co.socket, 10);
    await agreeAt(10);
    // The retries' broadcasts are the only ones the other screen got: the failed group sent none.
    expect(fx.co.socket.updates.map((u) => u.version)).toEqual([6, 7, 8, 9, 10]);
    expect(fx.co.socket.missed).toEqual([]);
  });
});

describe('[P14] a disk that fills up for real', () => {
  const m = () => fx.member;
  /** Three commands from one socket in one tick: they arrive together and share one group commit. */
  const trio = () =>
    Promise.all([
      send(fx.lead.socket, fx.sessionId, { type: 'queue.add', memberId: m().Sam! }, { commandId: 'full-before-1' }),
      send(
        fx.lead.socket,
        fx.sessionId,
        { type: 'note.add', text: 'This one fills the disk.', memberId: null, private: false },
        { commandId: 'full-note-01' },
      ),
      send(fx.lead.socket, fx.sessionId, { type: 'queue.add', memberId: m().Ana! }, { commandId: 'full-after-1' }),
    ]);

  it('SQLITE_FULL (the database may not grow): the command whose write does not fit is refused, and so is the one its session built on it in memory; the one before applies, and the session is read back as the disk has it', async () => {
    const version = await started();
    const db = fx.server.db;
    // A real "database or disk is full" from SQLite's pager: the file may grow by 40 pages only,
    // and a note makes a trigger write a megabyte.
    db.exec(`CREATE TABLE IF NOT EXISTS fault_fill (b BLOB);
      CREATE TEMP TRIGGER fill_disk AFTER INSERT ON main.session_log WHEN NEW.event LIKE '%"note.add"%'
      BEGIN INSERT INTO main.fault_fill VALUES (randomblob(1000000)); END;`);
    db.pragma(`main.max_page_count = ${(db.pragma('main.page_count', { simple: true }) as number) + 40}`);
    const acks = await trio();
    // The third was applied in memory on top of the note (the queue does not wait for the disk):
    // the store writes no entry after one that failed, so it is refused too (docs/decisions/010).
    expect(acks.map((a) => (a.ok ? a.version : a.code))).toEqual([version + 1, 'STORAGE_FAILED', 'STORAGE_FAILED']);
    await nextUpdate(fx.co.socket, version + 1);
    await agreeAt(version + 1);

    db.exec('DROP TRIGGER temp.fill_disk');
    db.pragma('main.max_page_count = 4294967294');
    const retried = await trio();
    expect(retried.map((a) => a.ok && (a.duplicate ? 'again' : a.version))).toEqual(['again', version + 2, version + 3]);
    await agreeAt(version + 3);
  });

  it('the database rolls the whole group back part-way (SQLite does, on a full disk, for a write it cannot undo alone): nothing in the group is applied, and none is told it was', async () => {
    const version = await started();
    // A second live session: its command shares the group but not the first session's versions.
    const other = (await fx.lead.api.post(`/api/groups/${fx.groupId}/sessions`, {})).body.session.id as string;
    fx.co.socket.updates.length = 0;
    // RAISE(ROLLBACK) ends the whole transaction from inside one command, as SQLite's own rollback
    // on SQLITE_FULL does. A write after that would commit on its own, outside the group.
    fx.server.db.exec(`CREATE TEMP TRIGGER group_lost BEFORE INSERT ON main.session_log WHEN NEW.event LIKE '%"note.add"%'
      BEGIN SELECT RAISE(ROLLBACK, 'database or disk is full'); END;`);
    const group = () =>
      Promise.all([
        send(fx.lead.socket, fx.sessionId, { type: 'queue.add', memberId: m().Sam! }, { commandId: 'lost-before-1' }),
        send(
          fx.lead.socket,
          fx.sessionId,
          { type: 'note.add', text: 'This one fills the disk.', memberId: null, private: false },
          { commandId: 'lost-note-01' },
        ),
        send(fx.lead.socket, other, { type: 'attendance.mark', memberId: m().Kit!, mark: 'present' }, { commandId: 'lost-other-1' }),
      ]);
    const acks = await group();
    for (const ack of acks) expect(ack).toMatchObject({ ok: false, code: 'STORAGE_FAILED' });
    await agreeAt(version);
    // The other session's command, told STORAGE_FAILED, must not have committed on its own.
    expect(checkStoredAgainstLog(fx.server.db, other).log).toEqual([]);

    fx.server.db.exec('DROP TRIGGER temp.group_lost');
    const retried = await group();
    expect(retried.every((a) => a.ok && !a.duplicate)).toBe(true);
    await nextUpdate(fx.co.socket, version + 2);
    await agreeAt(version + 2);
    expect(fx.co.socket.updates.map((u) => u.version)).toEqual([version + 1, version + 2]); // none from the lost group
    expect(fx.co.socket.missed).toEqual([]);
    expect(checkStoredAgainstLog(fx.server.db, other).log.map((e) => e.commandId)).toEqual(['lost-other-1']);
  });
});

describe('[P14] slow disk', () => {
  it('slow writes delay commands but lose, reorder or repeat none', async () => {
    const version = await started();
    // Every log write now takes 100 ms (the event loop waits, as it does for a slow fsync).
    const pause = new Int32Array(new SharedArrayBuffer(4));
    fx.server.db.function('fault_sleep', (ms: number) => (Atomics.wait(pause, 0, 0, ms), 0));
    fx.server.db.exec(`CREATE TEMP TRIGGER slow_disk BEFORE INSERT ON session_log BEGIN SELECT fault_sleep(100); END`);
    const startedAt = Date.now();
    const acks = await fire(burst());
    const tookMs = Date.now() - startedAt;
    fx.server.db.exec('DROP TRIGGER temp.slow_disk');
    expect(acks.every((a) => a.ok && !a.duplicate)).toBe(true);
    expect(tookMs).toBeGreaterThanOrEqual(5 * 100);
    await nextUpdate(fx.lead.socket, version + 5);
    await nextUpdate(fx.co.socket, version + 5);
    expect(fx.co.socket.updates.map((u) => u.version)).toEqual(fx.lead.socket.updates.map((u) => u.version));
    await agreeAt(version + 5);
    expect(await send(fx.co.socket, fx.sessionId, { type: 'turn.pause' })).toMatchObject({ ok: true, version: version + 6 });
  });

  it('a slow sync of the log: nothing is acked, broadcast or shown to a joining screen before it returns; commands sent meanwhile are committed at once with a sync of their own', async () => {
    const version = await started();
    const syncs = heldSyncs(fx.server.app.store);
    fx.co.socket.updates.length = 0;
    const acked: string[] = [];
    const track = (name: string, ack: Promise<CommandAck>) => ack.then((a) => (acked.push(name), a));
    const first = track('first', send(fx.lead.socket, fx.sessionId, { type: 'queue.add', memberId: fx.member.Sam! }));
    await syncs.out(1); // the first group is committed and its sync is out (held)
    const rest = burst()
      .slice(1, 4)
      .map((c) => track(c.commandId, send(fx[c.from].socket, fx.sessionId, c.command, { commandId: c.commandId })));
    const joined = join(fx.co.socket, fx.sessionId, version);
    // The second group did not wait for the first sync: its own sync goes out while that one is held.
    await syncs.out(2);
    await pingBarrier(fx.lead.socket, fx.co.socket);
    expect(acked).toEqual([]);
    expect(fx.co.socket.updates).toEqual([]);
    syncs.releaseAll();
    const acks = await Promise.all([first, ...rest]);
    expect(acks.map((a) => (a.ok ? a.version : 0)).sort((a, b) => a - b)).toEqual([version + 1, version + 2, version + 3, version + 4]);
    expect(acks[0]).toMatchObject({ ok: true, version: version + 1 });
    expect(acked[0]).toBe('first');
    // The join waited for the disk too: it shows the first group and whatever of the next was
    // applied before it (the co's two commands, sent on its socket before the join, at least).
    const join2 = await joined;
    expect(join2.ok && join2.version).toBeGreaterThanOrEqual(version + 3);
    // Two may be out at once, so what came after those two waited and made a third group.
    expect(syncs.events.indexOf('sync 2 out')).toBeLessThan(syncs.events.indexOf('sync 1 back'));
    expect(syncs.events.filter((e) => e.endsWith(' out')).length).toBeLessThanOrEqual(3);
    syncs.restore();
    await agreeAt(version + 4);
  });

  it('a later group whose sync returns first still waits for the group before it: acks and broadcasts keep their order', async () => {
    const version = await started();
    const syncs = heldSyncs(fx.server.app.store);
    fx.co.socket.updates.length = 0;
    const acked: string[] = [];
    const first = send(fx.lead.socket, fx.sessionId, { type: 'queue.add', memberId: fx.member.Sam! }).then((a) => (acked.push('first'), a));
    await syncs.out(1);
    const second = send(fx.co.socket, fx.sessionId, { type: 'queue.add', memberId: fx.member.Ana! }).then((a) => (acked.push('second'), a));
    await syncs.out(2);
    syncs.release(2);
    await syncs.back(2); // the second group's sync has returned; the first's is still held
    await pingBarrier(fx.lead.socket, fx.co.socket);
    expect(syncs.events).toEqual(['sync 1 out', 'sync 2 out', 'sync 2 back']);
    expect(acked).toEqual([]);
    expect(fx.co.socket.updates).toEqual([]);
    syncs.releaseAll();
    expect(await first).toMatchObject({ ok: true, version: version + 1 });
    expect(await second).toMatchObject({ ok: true, version: version + 2 });
    expect(acked).toEqual(['first', 'second']);
    await nextUpdate(fx.co.socket, version + 2);
    expect(fx.co.socket.updates.map((u) => u.version)).toEqual([version + 1, version + 2]);
    expect(fx.co.socket.missed).toEqual([]);
    syncs.restore();
    await agreeAt(version + 2);
  });

  it('a sync of the log that fails stops the server (fail-stop): nothing waiting is acknowledged', async () => {
    const stopped: Error[] = [];
    let stop = () => {};
    const hasStopped = new Promise<void>((resolve) => (stop = resolve));
    fx = await sessionFixture({ failStop: (error) => void (stopped.push(error), stop()) });
    const store = fx.server.app.store;
    store.syncToDisk = (done) => setImmediate(done, Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));
    const answers: CommandAck[] = [];
    void send(fx.lead.socket, fx.sessionId, { type: 'attendance.mark', memberId: fx.member.Sam!, mark: 'present' }).then(
      (a) => answers.push(a),
      () => undefined, // the socket closes with the test, still unanswered
    );
    await hasStopped;
    await pingBarrier(fx.lead.socket, fx.co.socket);
    expect(stopped.map((e) => e.message)).toEqual(['EIO: i/o error, fsync']);
    expect(answers).toEqual([]);
    expect(fx.co.socket.updates).toEqual([]);
  });

  it('an earlier group whose sync fails stops the server even though a later group’s sync returned: neither is acknowledged', async () => {
    const stopped: Error[] = [];
    let stop = () => {};
    const hasStopped = new Promise<void>((resolve) => (stop = resolve));
    fx = await sessionFixture({ failStop: (error) => void (stopped.push(error), stop()) });
    const store = fx.server.app.store;
    const sync = store.syncToDisk.bind(store);
    const eio = Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
    // The first group's sync is held, then fails; the second group's runs for real and returns first.
    const events: string[] = [];
    let failFirst = () => {};
    let secondBack = () => {};
    const secondReturned = new Promise<void>((resolve) => (secondBack = resolve));
    let firstOut = () => {};
    const firstIsOut = new Promise<void>((resolve) => (firstOut = resolve));
    store.syncToDisk = (done) => {
      events.push(`sync ${events.filter((e) => e.endsWith(' out')).length + 1} out`);
      if (events.length === 1) {
        failFirst = () => done(eio);
        firstOut();
      } else sync((error) => (events.push('sync 2 back'), done(error), secondBack()));
    };
    const answers: CommandAck[] = [];
    const unanswered = () => undefined; // the sockets close with the test, still unanswered
    void send(fx.lead.socket, fx.sessionId, { type: 'attendance.mark', memberId: fx.member.Sam!, mark: 'present' }).then(
      (a) => answers.push(a),
      unanswered,
    );
    await firstIsOut;
    void send(fx.co.socket, fx.sessionId, { type: 'attendance.mark', memberId: fx.member.Ana!, mark: 'present' }).then(
      (a) => answers.push(a),
      unanswered,
    );
    await secondReturned;
    failFirst();
    await hasStopped;
    await pingBarrier(fx.lead.socket, fx.co.socket);
    expect(events).toEqual(['sync 1 out', 'sync 2 out', 'sync 2 back']);
    expect(stopped.map((e) => e.message)).toEqual(['EIO: i/o error, fsync']);
    expect(answers).toEqual([]);
    expect(fx.co.socket.updates).toEqual([]);
    expect(fx.lead.socket.updates).toEqual([]);
  });

  it('a database locked by another process past the busy timeout refuses commands, then the session goes on', async () => {
    const version = await started();
    const file = path.join(fx.server.dataDir, 'holdspace.db');
    // Another process (a backup, a stray admin shell) holds the write lock for 6 s; the server waits
    // up to its busy timeout (5 s) for it.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `
      const db = new (require('better-sqlite3'))(${JSON.stringify(file)});
      db.exec('BEGIN IMMEDIATE'); process.stdout.write('locked\\n');
      setTimeout(() => { db.exec('COMMIT'); db.close(); }, 6000);`,
      ],
      { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    fx.co.socket.updates.length = 0;
    const during = await send(fx.lead.socket, fx.sessionId, { type: 'queue.add', memberId: fx.member.Kit! }, { commandId: 'while-locked' });
    expect(during).toMatchObject({ ok: false, code: 'STORAGE_FAILED' });
    expect(fx.co.socket.updates).toEqual([]);
    await new Promise((r) => holder.once('exit', r));
    await agreeAt(version);
    expect(
      await send(fx.lead.socket, fx.sessionId, { type: 'queue.add', memberId: fx.member.Kit! }, { commandId: 'while-locked' }),
    ).toEqual({
      ok: true,
      version: version + 1,
      duplicate: false,
    });
    await agreeAt(version + 1);
  });
});
