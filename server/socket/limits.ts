import type { SocketLimits } from '../config.js';
import { keyedBuckets } from './rate-limit.js';

/** What a refused socket message or handshake says, worded for the person at the screen. */
export const LIMITED = {
  socket: 'Too many commands from this screen at once: wait a moment.',
  account: 'Too many commands from your account at once, across all its screens: wait a moment.',
  session: 'Too many commands for this session at once: wait a moment.',
  address: 'Too many commands from this network address at once: wait a moment.',
  accountJoins: 'This account is opening sessions too often, across all its screens: wait a moment.',
  addressJoins: 'Sessions are being opened too often from this network address: wait a moment.',
  pings: 'Too many clock checks from this screen: wait a moment.',
  handshakes: 'Too many connections from this network address at once: wait a moment and reload.',
  sockets: (cap: number) => `This account already has ${cap} screens connected: close one of them, then reload this page.`,
} as const;

/** Who is asking: the account behind the socket and the address it comes from. */
interface Asker {
  userId: string;
  address: string;
}

/**
 * Rate limits across sockets (docs/protocol.md P13, P19–P21): one account's or one address's
 * screens share their buckets, however many sockets they open, and commands into one session
 * share that session's. Each check answers null (go on) or the sentence to refuse with. The
 * narrowest bucket is asked first and the address last, so an account refused for its own flood
 * does not drain the address its colleagues share.
 */
export function createSocketLimits(limits: SocketLimits, now: () => number) {
  const handshakes = keyedBuckets(limits.addressHandshakes, now);
  const accountCommands = keyedBuckets(limits.accountCommands, now);
  const addressCommands = keyedBuckets(limits.addressCommands, now);
  const sessionCommands = keyedBuckets(limits.sessionCommands, now);
  const accountJoins = keyedBuckets(limits.accountJoins, now);
  const addressJoins = keyedBuckets(limits.addressJoins, now);
  /** Open sockets by account: reserved at the handshake, released when the connection ends. */
  const open = new Map<string, Set<string>>();

  return {
    handshake(address: string): string | null {
      return handshakes.take(address) ? null : LIMITED.handshakes;
    },

    /** `sessionId` only for a session this process holds, so that made-up ids make no buckets. */
    command(asker: Asker, sessionId: string | null): string | null {
      if (!accountCommands.take(asker.userId)) return LIMITED.account;
      if (sessionId !== null && !sessionCommands.take(sessionId)) return LIMITED.session;
      if (!addressCommands.take(asker.address)) return LIMITED.address;
      return null;
    },

    join(asker: Asker): string | null {
      if (!accountJoins.take(asker.userId)) return LIMITED.accountJoins;
      if (!addressJoins.take(asker.address)) return LIMITED.addressJoins;
      return null;
    },

    /**
     * Holds one of the account's socket places for `socketId`; null when all are taken. The caller
     * gives it back with `release` when the connection ends, however it ends.
     */
    reserve(userId: string, socketId: string): string | null {
      const mine = open.get(userId) ?? new Set<string>();
      if (mine.size >= limits.socketsPerAccount) return LIMITED.sockets(limits.socketsPerAccount);
      mine.add(socketId);
      open.set(userId, mine);
      return null;
    },

    release(userId: string, socketId: string): void {
      const mine = open.get(userId);
      if (!mine?.delete(socketId)) return;
      if (mine.size === 0) open.delete(userId);
    },

    /** Keys held in memory, for the tests that memory stays bounded. */
    size: () =>
      handshakes.size +
      accountCommands.size +
      addressCommands.size +
      sessionCommands.size +
      accountJoins.size +
      addressJoins.size +
      open.size,
  };
}

export type SocketLimiter = ReturnType<typeof createSocketLimits>;
