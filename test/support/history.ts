import type { Command } from '../../shared/schemas/commands.js';
import type { ManualClock } from './clock.js';
import { signIn, type ApiClient } from './http.js';
import { createAccount, type AccountInput, type TestServer } from './server.js';
import { join, send } from './session-fixture.js';
import { connectSocket, nextUpdate, type TestSocket } from './sockets.js';

/**
 * A group's history for the across-sessions tests: each session planned over REST and run on
 * the lead's real socket, the server clock moved by hand. Ten minutes planned per session; a
 * session's active time is `minutes` (10 unless given).
 */
export interface SessionScript {
  /** Members there from the start; the rest are absent unless late. */
  present: readonly string[];
  /** Members marked late just after the start. */
  late?: readonly string[];
  /** Seconds on the floor, one turn each. */
  talk?: Readonly<Record<string, number>>;
  /** Members a distress flag is raised about. */
  flagged?: readonly string[];
  minutes?: number;
}

export const SHORT_PLAN = { phaseMinutes: { introduction: 2, sharing: 3, facilitation: 2, skillDevelopment: 2, feedback: 1 } };

export interface Runner {
  api: ApiClient;
  socket: TestSocket;
  clock: ManualClock;
  groupId: string;
  /** Member ids by name. */
  member: Readonly<Record<string, string>>;
}

/** A new account's new group of `names` on `server`, and its socket to run the group's sessions on. */
export async function groupRunner(server: TestServer, clock: ManualClock, lead: AccountInput, names: readonly string[]): Promise<Runner> {
  await createAccount(server, lead);
  const api = await signIn(server, lead.email, lead.password);
  const group = await api.post('/api/groups', { name: 'Tuesday anxiety group', members: names.map((name) => ({ name })) });
  if (group.status !== 201) throw new Error(`group: ${JSON.stringify(group.body)}`);
  const member = Object.fromEntries(group.body.group.members.map((m: { id: string; name: string }) => [m.name, m.id]));
  return { api, socket: await connectSocket(server, api.cookie), clock, groupId: group.body.group.id as string, member };
}

/** Runs one session to its end as scripted; returns its id. */
export async function runSession(r: Runner, script: SessionScript): Promise<string> {
  const planned = await r.api.post(`/api/groups/${r.groupId}/sessions`, { plan: SHORT_PLAN });
  if (planned.status !== 201) throw new Error(`plan: ${JSON.stringify(planned.body)}`);
  const sessionId = planned.body.session.id as string;
  const joined = await join(r.socket, sessionId);
  let version = joined.ok && joined.update ? joined.update.version : 0;
  const act = async (command: Command, versioned = false) => {
    const ack = await send(r.socket, sessionId, command, versioned ? { expectedVersion: version } : {});
    if (!ack.ok) throw new Error(`${command.type} refused: ${ack.code} ${ack.message}`);
    await nextUpdate(r.socket, ack.version);
    version = ack.version;
  };
  const id = (name: string) => r.member[name] ?? fail(name);

  for (const name of script.present) await act({ type: 'attendance.mark', memberId: id(name), mark: 'present' });
  await act({ type: 'session.start' });
  let spent = 0;
  for (const name of script.late ?? []) await act({ type: 'attendance.mark', memberId: id(name), mark: 'late' });
  for (const [name, seconds] of Object.entries(script.talk ?? {})) {
    await act({ type: 'floor.give', memberId: id(name) });
    r.clock.advance(seconds * 1000);
    spent += seconds * 1000;
    await act({ type: 'turn.end' }, true);
  }
  for (const name of script.flagged ?? []) await act({ type: 'flag.raise', kind: 'distress', memberId: id(name), text: null });
  r.clock.advance(Math.max(0, (script.minutes ?? 10) * 60_000 - spent));
  await act({ type: 'session.end' });
  // The next session starts a little later the same day (sign-ins last 12 hours of server time).
  r.clock.advance(10 * 60_000);
  return sessionId;
}

function fail(name: string): never {
  throw new Error(`no member ${name}`);
}
