import { createHash, randomBytes } from 'node:crypto';
import { Router, type Request } from 'express';
import { contract } from '../../../shared/rest/contract.js';
import { inviteTokenSchema } from '../../../shared/schemas/security.js';
import { instant } from '../../../shared/time.js';
import { AccountExistsError, createAccount, type Auth } from '../../auth/auth.js';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { BruteForceGuard } from '../../security/brute-force.js';
import { requestOrigin } from '../../security/csrf.js';
import type { CoFacilitatorRemoved } from './groups.js';
import { leadRefusal } from '../../access/policy.js';
import { groupFor, refuse } from '../reach.js';
import type { Audit } from '../../privacy/audit.js';
import { coFacilitatorByInvite } from '../../privacy/group-audit.js';
import type { InviteRow, Store } from '../../store/types.js';
import { contractRoutes } from '../contract.js';
import { HttpError } from '../errors.js';
import { currentUser } from '../require-user.js';
import { signIn } from '../sign-in.js';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const iso = (ms: number) => new Date(ms).toISOString();
const GONE = "This invite link has expired or has already been used. Ask the group's lead for a new one.";
/** One answer for an email that has an account, which also uses the link up (S24). */
const TAKEN =
  "This invite cannot make an account with that email, and the link is now used up. If you already have an account, sign in and ask the group's lead to pick you as co-facilitator; otherwise ask the lead for a new link.";

/** POST /api/groups/:groupId/invites — the lead makes a one-time link (docs/security.md S15). */
export function groupInviteRoutes(store: Store, clock: Clock, config: Config): Router {
  const router = Router();
  contractRoutes(router, '/api/groups')(contract.createInvite, async ({ params }, req) => {
    const me = currentUser(req);
    const group = await groupFor(store, params.groupId, me.id);
    refuse(leadRefusal(group, me.id, 'invite'));
    // 256 random bits: the link is the only key, so it must be unguessable; only its hash is kept.
    const token = randomBytes(32).toString('base64url');
    const now = clock.now();
    const expiresAt = instant(now + config.inviteTtlMs);
    await store.invites.create({ tokenHash: hashOf(token), groupId: group.id, createdBy: me.id, createdAt: now, expiresAt });
    // In the fragment: browsers never send it to a server, so it stays out of proxy logs.
    const base = config.publicUrl ?? requestOrigin(req);
    return { url: `${base.replace(/\/$/, '')}/#/invites/${token}`, expiresAt: iso(expiresAt) };
  });
  return router;
}

/** /api/invites/:token — open to anyone holding the link; nothing else is revealed. */
export function inviteRoutes(
  auth: Auth,
  store: Store,
  clock: Clock,
  onCoFacilitatorRemoved: CoFacilitatorRemoved,
  attempts: BruteForceGuard,
  audit: Pick<Audit, 'record'>,
): Router {
  const router = Router();
  const on = contractRoutes(router, '/api/invites');
  const usable = async (raw: string): Promise<InviteRow> => {
    const token = inviteTokenSchema.safeParse(raw);
    const invite = token.success ? await store.invites.get(hashOf(token.data)) : null;
    if (!invite || invite.usedAt !== null || invite.expiresAt <= clock.now()) throw new HttpError('NOT_FOUND', GONE);
    return invite;
  };

  on(contract.getInvite, async ({ params }) => {
    const invite = await usable(params.token);
    // The group's name stays out: a Part 2 group's name is itself protected (BRIEF §7).
    return {
      role: 'co-facilitator' as const,
      invitedBy: (await store.users.get(invite.createdBy))?.name ?? "the group's lead",
      expiresAt: iso(invite.expiresAt),
    };
  });

  // Failures are limited per link and per address (S24), like sign-in attempts. A made-up link
  // names no invite: it counts against the address alone.
  const inviteOf = async (req: Request) => {
    const token = inviteTokenSchema.safeParse(req.params.token);
    return token.success && (await store.invites.get(hashOf(token.data))) ? hashOf(token.data) : null;
  };
  on(
    contract.acceptInvite,
    async ({ params, body: input }, req, res) => {
      const invite = await usable(params.token);
      if (!(await store.invites.claim(invite.tokenHash, clock.now()))) throw new HttpError('NOT_FOUND', GONE);
      let userId: string;
      try {
        ({ id: userId } = await createAccount(auth, { ...input, admin: false }));
      } catch (error) {
        // An email with an account uses the link up: each link answers that question once at most,
        // and only for someone a lead chose to invite (docs/security.md, Decisions).
        if (error instanceof AccountExistsError) throw new HttpError('NOT_ALLOWED', TAKEN);
        await store.invites.release(invite.tokenHash); // a weak password: the link is still good
        throw error;
      }
      await store.invites.setUsedBy(invite.tokenHash, userId);
      await audit.record({
        actorId: userId,
        action: 'account.create',
        subjectType: 'user',
        subjectId: userId,
        detail: { via: 'invite', admin: false },
        address: req.ip,
      });
      const group = (await store.groups.get(invite.groupId))!;
      const members = (await store.groups.members(group.id)).map(({ id, name }) => ({ id, name }));
      await store.groups.update(group.id, { ...group, coFacilitatorId: userId, members });
      await audit.record(coFacilitatorByInvite(group, userId, invite.createdBy, req.ip));
      if (group.coFacilitatorId) await onCoFacilitatorRemoved(group.id, group.coFacilitatorId, userId);
      await signIn(auth, req, res, input.email, input.password);
      return { user: (await store.users.get(userId))!, groupId: group.id };
    },
    attempts(inviteOf),
  );
  return router;
}
