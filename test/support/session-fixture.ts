import { randomUUID } from 'node:crypto';
import type { CommandAck, JoinAck } from '../../shared/protocol.js';
import type { CommandPayload } from '../../shared/schemas/socket.js';
import type { Command } from '../../shared/schemas/commands.js';
import { signIn, type ApiClient } from './http.js';
import { createAccount, startTestServer, type TestServer, type TestServerOptions } from './server.js';
import { connectSocket, type TestSocket } from './sockets.js';

export const LEAD = { name: 'Dana Lee', email: 'dana@example.org', password: 'correct horse battery' };
export const CO = { name: 'Robin Park', email: 'robin@example.org', password: 'battery staple horse' };
export const MEMBERS = ['Sam', 'Ana', 'Kit', 'Jo'];

export interface Facilitator {
  id: string;
  api: ApiClient;
  socket: TestSocket;
}

export interface SessionFixture {
  server: TestServer;
  lead: Facilitator;
  co: Facilitator;
  groupId: string;
  sessionId: string;
  /** Member ids by name. */
  member: Record<string, string>;
  close(): Promise<void>;
}

/** A running server with a lead and a co-facilitator, a group of four, a planned session, both screens joined. */
export async function sessionFixture(options: TestServerOptions = {}): Promise<SessionFixture> {
  const server = await startTestServer(options);
  const leadAccount = await createAccount(server, { ...LEAD, admin: true });
  const coAccount = await createAccount(server, CO);
  const leadApi = await signIn(server, LEAD.email, LEAD.password);
  const coApi = await signIn(server, CO.email, CO.password);
  const group = await leadApi.post('/api/groups', {
    name: 'Tuesday anxiety group',
    members: MEMBERS.map((name) => ({ name })),
    coFacilitatorId: coAccount.id,
  });
  if (group.status !== 201) throw new Error(`group: ${JSON.stringify(group.body)}`);
  const groupId = group.body.group.id as string;
  const planned = await leadApi.post(`/api/groups/${groupId}/sessions`, { plan: { turnAllotmentSeconds: 120 } });
  if (planned.status !== 201) throw new Error(`session: ${JSON.stringify(planned.body)}`);
  const sessionId = planned.body.session.id as string;
  const member = Object.fromEntries(group.body.group.members.map((m: { id: string; name: string }) => [m.name, m.id]));
  const lead = { id: leadAccount.id, api: leadApi, socket: await connectSocket(server, leadApi.cookie) };
  const co = { id: coAccount.id, api: coApi, socket: await connectSocket(server, coApi.cookie) };
  await join(lead.socket, sessionId);
  await join(co.socket, sessionId);
  return {
    server,
    lead,
    co,
    groupId,
    sessionId,
    member,
    close: async () => {
      lead.socket.disconnect();
      co.socket.disconnect();
      await server.close();
    },
  };
}

/** Joins as a screen does: the state in the ack is what later broadcast changes apply to. */
export async function join(socket: TestSocket, sessionId: string, knownVersion = -1): Promise<JoinAck> {
  const ack = await socket.emitWithAck('session:join', { sessionId, knownVersion });
  if (ack.ok && ack.update) socket.hold(ack.update);
  return ack;
}

/** Sends one command with a fresh commandId (or the given one) and returns the ack. */
export function send(
  socket: TestSocket,
  sessionId: string,
  command: Command | Record<string, unknown>,
  extra: Partial<Pick<CommandPayload, 'commandId' | 'expectedVersion'>> = {},
): Promise<CommandAck> {
  return socket.emitWithAck('session:command', {
    sessionId,
    commandId: extra.commandId ?? randomUUID(),
    ...(extra.expectedVersion === undefined ? {} : { expectedVersion: extra.expectedVersion }),
    command: command as Command,
  });
}
