import { afterEach, describe, expect, it, vi } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type Ack, type CommandAck } from '../../shared/protocol.js';
import { defaultSocketLimits, type SocketLimits } from '../../server/config.js';
import { LIMITED } from '../../server/socket/limits.js';
import { keyedBuckets } from '../../server/socket/rate-limit.js';
import { LEAD, sessionFixture, type SessionFixture } from '../support/session-fixture.js';
import { signIn } from '../support/http.js';

/**
 * Limits across sockets (docs/security.md S35, protocol P20–P22). The buckets here refill
 * one token in about 17 minutes, so every count below is exact.
 */
let fx: SessionFixture;
const opened: Socket[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) s.close();
  await fx?.close();
});

const limitsWith = (changes: Partial<SocketLimits>): SocketLimits => ({ ...defaultSocketLimits(), ...changes });
const ample = { burst: 1000, perSecond: 1000 };
const slow = 0.001;

/** A socket as the account behind `cookie`, optionally claiming a forwarded address. */
async function screen(cookie: string | null, forwardedFor?: string): Promise<Socket> {
  const socket = io(fx.server.url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: { protocolVersion: PROTOCOL_VERSION },
    extraHeaders: { ...(cookie ? { cookie } : {}), ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
  });
  opened.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Each command of the file has an id of its own: a repeat would be answered from memory, not limited. */
let sent = 0;
const mark = (socket: Socket, n: number): Promise<CommandAck> =>
  socket.emitWithAck('session:command', {
    sessionId: fx.sessionId,
    commandId: `limit-test-${n}-${++sent}`,
    command: { type: 'attendance.mark', memberId: fx.member.Sam!, mark: 'present' },
  });
const joinOn = (socket: Socket): Promise<Ack> => socket.emitWithAck('session:join', { sessionId: fx.sessionId, knownVersion: -1 });
/** Got past every limit (what the session then made of it is not the point here). */
const passed = (a: Ack) => a.ok || a.code !== 'RATE_LIMITED';
const limitedWith = (acks: Ack[], message: string) =>
  acks.filter((a) => !a.ok && a.code === 'RATE_LIMITED' && a.message === message).length;

describe('limits shared by every socket of an account, an address, a session', () => {
  it('[S35][P20] commands are counted per account across all its sockets, not per socket; another account is not affected', async () => {
    fx = await sessionFixture({ config: { socketLimits: limitsWith({ accountCommands: { burst: 6, perSecond: slow } }) } });
    const screens = [fx.lead.socket, await screen(fx.lead.api.cookie), await screen(fx.lead.api.cookie)];
    const acks: CommandAck[] = [];
    for (let round = 0; round < 3; round++) for (const s of screens) acks.push(await mark(s, acks.length));
    // Three commands per socket stay under the per-socket limit (40); the account had six.
    expect(acks.filter(passed)).toHaveLength(6);
    expect(limitedWith(acks, LIMITED.account)).toBe(3);
    expect(passed(await mark(fx.co.socket, 99))).toBe(true);
  });

  it('[S35][P20] joins are limited per account across all its sockets', async () => {
    fx = await sessionFixture({ config: { socketLimits: limitsWith({ accountJoins: { burst: 4, perSecond: slow } }) } });
    // The fixture's own join took one of the lead's four.
    const second = await screen(fx.lead.api.cookie);
    const acks = [await joinOn(fx.lead.socket), await joinOn(second), await joinOn(fx.lead.socket), await joinOn(second)];
    expect(acks.map((a) => a.ok)).toEqual([true, true, true, false]);
    expect(acks[3]).toEqual({ ok: false, code: 'RATE_LIMITED', message: LIMITED.accountJoins });
    expect(await joinOn(fx.co.socket)).toMatchObject({ ok: true });
  });

  it('[S35][P20] behind a trusted proxy, accounts share the bucket of the address it vouches for; without one, X-Forwarded-For buys nothing', async () => {
    const socketLimits = limitsWith({ addressCommands: { burst: 4, perSecond: slow }, sessionCommands: ample });
    fx = await sessionFixture({ config: { trustProxy: 'loopback', socketLimits } });
    const lead = await screen(fx.lead.api.cookie, '10.0.0.7');
    const co = await screen(fx.co.api.cookie, '10.0.0.7');
    const elsewhere = await screen(fx.co.api.cookie, '10.0.0.8');
    const acks = [await mark(lead, 1), await mark(co, 2), await mark(lead, 3), await mark(co, 4), await mark(lead, 5), await mark(co, 6)];
    expect(acks.filter(passed)).toHaveLength(4);
    expect(limitedWith(acks, LIMITED.address)).toBe(2);
    expect(passed(await mark(elsewhere, 7))).toBe(true);
    await fx.close();

    fx = await sessionFixture({ config: { socketLimits } });
    // The fixture's sockets and these all come from 127.0.0.1, whatever they claim.
    const forged = [
      await screen(fx.lead.api.cookie, '10.0.0.1'),
      await screen(fx.co.api.cookie, '10.0.0.2'),
      await screen(fx.lead.api.cookie, '10.0.0.3'),
    ];
    const forgedAcks: CommandAck[] = [];
    for (let i = 0; i < 6; i++) forgedAcks.push(await mark(forged[i % 3]!, i));
    expect(forgedAcks.filter(passed)).toHaveLength(4);
  });

  it('[S35][P20] commands into one session are limited across its facilitators', async () => {
    const socketLimits = limitsWith({ sessionCommands: { burst: 5, perSecond: slow } });
    fx = await sessionFixture({ config: { socketLimits } });
    const acks: CommandAck[] = [];
    for (let i = 0; i < 4; i++) acks.push(await mark(fx.lead.socket, i), await mark(fx.co.socket, i));
    expect(acks.filter(passed)).toHaveLength(5);
    expect(limitedWith(acks, LIMITED.session)).toBe(3);
  });

  it('[S35][P21] an account holds at most socketsPerAccount sockets; one more is refused RATE_LIMITED at the handshake', async () => {
    const socketLimits = limitsWith({ socketsPerAccount: 3, addressHandshakes: ample });
    fx = await sessionFixture({ config: { socketLimits } });
    const more = [await screen(fx.lead.api.cookie), await screen(fx.lead.api.cookie)]; // with the fixture's: 3
    await expect(screen(fx.lead.api.cookie)).rejects.toMatchObject({ data: { code: 'RATE_LIMITED', message: LIMITED.sockets(3) } });
    // Another sign-in of the same account counts too; another account does not.
    const again = await signIn(fx.server, LEAD.email, LEAD.password);
    await expect(screen(again.cookie)).rejects.toMatchObject({ data: { code: 'RATE_LIMITED' } });
    await screen(fx.co.api.cookie);
    // A place is given back when a socket closes.
    more[0]!.close();
    await vi.waitFor(() => screen(again.cookie), { timeout: 5_000, interval: 50 });
  });

  it('[S35][P21] handshakes are limited per address before the sign-in is looked up', async () => {
    fx = await sessionFixture({ config: { socketLimits: limitsWith({ addressHandshakes: { burst: 4, perSecond: slow } }) } });
    await screen(fx.co.api.cookie); // the fixture's two, and this one
    await expect(screen(null)).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    // The fifth: refused before its (missing) cookie is even read.
    await expect(screen(null)).rejects.toMatchObject({ data: { code: 'RATE_LIMITED', message: LIMITED.handshakes } });
    await expect(screen(fx.lead.api.cookie)).rejects.toMatchObject({ data: { code: 'RATE_LIMITED' } });
  });

  it('[S35][P22] a socket that goes on past its limits is disconnected; unknown events count too', async () => {
    const socketLimits = limitsWith({ socketRefusals: { burst: 5, perSecond: slow } });
    fx = await sessionFixture({ config: { commandBurst: 2, commandsPerSecond: slow, socketLimits } });
    const acks: CommandAck[] = [];
    for (let i = 0; i < 7; i++) acks.push(await mark(fx.lead.socket, i));
    expect(acks.filter(passed)).toHaveLength(2);
    expect(limitedWith(acks, LIMITED.socket)).toBe(5);
    const closed = new Promise((resolve) => fx.lead.socket.once('disconnect', resolve));
    expect(await mark(fx.lead.socket, 8)).toEqual({ ok: false, code: 'RATE_LIMITED', message: LIMITED.socket });
    expect(await closed).toBe('io server disconnect');

    const co = fx.co.socket;
    const coClosed = new Promise((resolve) => co.once('disconnect', resolve));
    for (let i = 0; i < 6; i++) (co.emit as (event: string) => void)('no:such-event');
    expect(await coClosed).toBe('io server disconnect');
    // The account is not banned: a new socket works.
    const fresh = await screen(fx.co.api.cookie);
    expect(await joinOn(fresh)).toMatchObject({ ok: true });
  });
});

describe('the buckets keep memory bounded', () => {
  it('[S35] a bucket that has refilled is dropped: memory follows the keys active lately, not every key seen', () => {
    let now = 0;
    const buckets = keyedBuckets({ burst: 10, perSecond: 5 }, () => now);
    for (let i = 0; i < 10_000; i++) buckets.take(`address-${i}`);
    expect(buckets.size).toBe(10_000);
    now += 2_000; // the refill time: every one of them is full again
    expect(buckets.take('one more')).toBe(true);
    expect(buckets.size).toBe(1);
    // A bucket not yet refilled is kept, with what it has left.
    now += 1_000;
    for (let i = 0; i < 10; i++) buckets.take('busy');
    now += 1_000; // a sweep: 'one more' is full again and goes; 'busy' has 5 of 10
    buckets.take('another');
    expect(buckets.size).toBe(2);
    for (let i = 0; i < 5; i++) expect(buckets.take('busy')).toBe(true);
    expect(buckets.take('busy')).toBe(false);
  });
});
