import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandAck, JoinAck } from '../../shared/protocol.js';
import type { Command } from '../../shared/schemas/commands.js';
import { heldSyncs } from '../support/held-syncs.js';
import { nextUpdate } from '../support/sockets.js';
import { send, sessionFixture, type SessionFixture } from '../support/session-fixture.js';

/**
 * The straight command path (docs/decisions/010-live-core.md): the live core's `execute` and
 * `join`, driven directly (it knows no transport) and through two real sockets.
 */
let fx: SessionFixture;
afterEach(() => fx?.close());

const payload = (command: Command, commandId = randomUUID()) => ({ sessionId: fx.sessionId, commandId, command });

describe('[P25][P26][P27] one session, one queue, answered once on disk', () => {
  it('[P25] five commands of one session at once: worked out in arrival order, none answered before its sync, answered in that order', async () => {
    fx = await sessionFixture();
    const { core, store } = fx.server.app;
    const syncs = heldSyncs(store);
    const answered: number[] = [];
    const names = ['Sam', 'Ana', 'Kit', 'Jo', 'Sam'];
    const acks = names.map((name, i) =>
      core
        .execute(fx.lead.id, payload({ type: 'attendance.mark', memberId: fx.member[name]!, mark: i === 4 ? 'absent' : 'present' }))
        .then((outcome) => (answered.push(i), outcome)),
    );
    await syncs.out(1);
    // Held: the appends are written and their syncs out, but nothing may be answered yet.
    expect(answered).toEqual([]);
    syncs.releaseAll();
    const outcomes = await Promise.all(acks);
    expect(outcomes.map((o) => o.ack)).toEqual([1, 2, 3, 4, 5].map((version) => ({ ok: true, version, duplicate: false })));
    expect(outcomes.map((o) => o.broadcast?.version)).toEqual([1, 2, 3, 4, 5]);
    expect(answered).toEqual([0, 1, 2, 3, 4]);
    syncs.restore();
  });

  it('[P26] a command built on one whose write failed is refused STORAGE_FAILED too, and the session is read back from the disk', async () => {
    fx = await sessionFixture();
    const { core, sessions } = fx.server.app;
    const m = fx.member;
    fx.server.db.exec(`CREATE TEMP TRIGGER note_fails BEFORE INSERT ON main.session_log WHEN NEW.event LIKE '%"note.add"%'
      BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;`);
    const held = sessions.get(fx.sessionId);
    const outcomes = await Promise.all([
      core.execute(fx.lead.id, payload({ type: 'attendance.mark', memberId: m.Sam!, mark: 'present' })),
      core.execute(fx.lead.id, payload({ type: 'note.add', text: 'Does not fit.', memberId: null, private: false })),
      core.execute(fx.co.id, payload({ type: 'attendance.mark', memberId: m.Ana!, mark: 'present' })),
    ]);
    expect(outcomes.map((o) => (o.ack.ok ? o.ack.version : o.ack.code))).toEqual([1, 'STORAGE_FAILED', 'STORAGE_FAILED']);
    expect(outcomes.map((o) => o.broadcast?.version ?? null)).toEqual([1, null, null]);
    fx.server.db.exec('DROP TRIGGER temp.note_fails');
    // The copy that ran ahead of the disk is gone; the next command reads the session back at version 1.
    const access = await sessions.access(fx.sessionId, fx.lead.id);
    if (access.refused || !access.live) throw new Error('session not live');
    expect(access.live).not.toBe(held);
    expect(access.live.version).toBe(1);
    expect(access.live.snapshot.context.attendance[m.Ana!]!.status).toBe('expected');
    const again = await core.execute(fx.co.id, payload({ type: 'attendance.mark', memberId: m.Ana!, mark: 'present' }));
    expect(again.ack).toEqual({ ok: true, version: 2, duplicate: false });
  });

  it('[P7][P26] a repeat of a command already applied is its duplicate even when a later command’s write fails, written or still being written', async () => {
    fx = await sessionFixture();
    const { core } = fx.server.app;
    const m = fx.member;
    fx.server.db.exec(`CREATE TEMP TRIGGER note_fails BEFORE INSERT ON main.session_log WHEN NEW.event LIKE '%"note.add"%'
      BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;`);
    const note = () => payload({ type: 'note.add', text: 'Does not fit.', memberId: null, private: false });
    const onDisk = payload({ type: 'attendance.mark', memberId: m.Sam!, mark: 'present' });
    expect((await core.execute(fx.lead.id, onDisk)).ack).toEqual({ ok: true, version: 1, duplicate: false });
    const beingWritten = payload({ type: 'attendance.mark', memberId: m.Ana!, mark: 'present' });
    // In one turn: a new command, a note whose write fails, then repeats of the one on disk and the one in flight.
    const outcomes = await Promise.all([
      core.execute(fx.co.id, beingWritten),
      core.execute(fx.lead.id, note()),
      core.execute(fx.lead.id, onDisk),
      core.execute(fx.co.id, beingWritten),
    ]);
    expect(outcomes.map((o) => o.ack)).toEqual([
      { ok: true, version: 2, duplicate: false },
      expect.objectContaining({ ok: false, code: 'STORAGE_FAILED' }),
      { ok: true, version: 1, duplicate: true },
      { ok: true, version: 2, duplicate: true },
    ]);
    fx.server.db.exec('DROP TRIGGER temp.note_fails');
  });

  it('[P27] the sender gets its ack before the broadcast of its command; the other screen gets the broadcast', async () => {
    fx = await sessionFixture();
    const seen: string[] = [];
    fx.lead.socket.on('session:patch', (p) => seen.push(`patch ${p.version}`));
    // A plain callback (not emitWithAck's promise): it runs as the ack arrives, in arrival order.
    const ack = await new Promise<CommandAck>((resolve) =>
      fx.lead.socket.emit('session:command', payload({ type: 'attendance.mark', memberId: fx.member.Sam!, mark: 'present' }), (a) => {
        seen.push(`ack ${a.ok && a.version}`);
        resolve(a);
      }),
    );
    expect(ack).toEqual({ ok: true, version: 1, duplicate: false });
    await nextUpdate(fx.lead.socket, 1);
    expect(seen).toEqual(['ack 1', 'patch 1']);
    expect((await nextUpdate(fx.co.socket, 1)).state.context.attendance[fx.member.Sam!]!.status).toBe('present');
  });

  it('[P25] a join queued between two commands shows the first once it is on disk, and the joining screen gets the second as a patch, missing none', async () => {
    fx = await sessionFixture();
    const { lead, co, sessionId, member } = fx;
    await co.socket.emitWithAck('session:leave', { sessionId });
    const syncs = heldSyncs(fx.server.app.store);
    const first = send(lead.socket, sessionId, { type: 'attendance.mark', memberId: member.Sam!, mark: 'present' });
    await syncs.out(1);
    let joinedAt: number | null = null;
    // A plain callback, as the shipped client holds the join's state: before any later packet is read.
    const joined = new Promise<JoinAck>((resolve) =>
      co.socket.emit('session:join', { sessionId, knownVersion: 0 }, (ack) => {
        joinedAt = co.socket.updates.length + co.socket.missed.length;
        if (ack.ok && ack.update) co.socket.hold(ack.update);
        resolve(ack);
      }),
    );
    // The join is queued behind the first command, and the co's own command behind the join (one
    // connection keeps its order): the first's sync is held, so neither is answered.
    const second = send(co.socket, sessionId, { type: 'attendance.mark', memberId: member.Ana!, mark: 'present' });
    await syncs.out(2);
    await co.socket.emitWithAck('clock:ping', { clientSentAt: 0 }); // whatever was sent to co has arrived
    expect(joinedAt).toBeNull();
    syncs.releaseAll();
    const ack = await joined;
    expect(ack).toMatchObject({ ok: true, version: 1 });
    expect(joinedAt).toBe(0); // the join's state came before any patch
    expect(await first).toMatchObject({ ok: true, version: 1 });
    expect(await second).toMatchObject({ ok: true, version: 2 });
    expect((await nextUpdate(co.socket, 2)).state.context.attendance[member.Ana!]!.status).toBe('present');
    expect(co.socket.updates.map((u) => u.version)).toEqual([2]); // applied to the join's version 1
    expect(co.socket.missed).toEqual([]);
    syncs.restore();
  });
});
