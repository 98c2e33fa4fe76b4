import { z } from 'zod';
import type { StateUpdate } from '../protocol.js';
import type { AcrossSessions } from '../review/across.js';
import { RECORD_STATES, type WorkItem } from '../review/record-state.js';
import type { Trends } from '../review/trends.js';
import type { LookLine } from '../review/worth-a-look.js';
import { trendSettingsSchema } from '../schemas/trends.js';
import type { SessionRatings } from '../schemas/ratings.js';
import { ratingRoutes } from './ratings-contract.js';
import { addendumInputSchema, signInputSchema, type ReviewRecord } from '../review/record.js';
import type { ProgressNote, ProgressNotesResponse } from '../review/progress-notes.js';
import type { Review, ReviewLogEntry } from '../review/types.js';
import { progressNoteAddendumSchema, progressNoteSaveSchema } from '../schemas/progress-notes.js';
import { accountSummarySchema, passwordResetSchema, roleChangeSchema, signInSummarySchema } from '../schemas/accounts.js';
import { idSchema } from '../schemas/common.js';
import { auditPageSchema, auditRangeSchema, purgeResultSchema, retentionSchema, reviewerViewSchema } from '../schemas/privacy.js';
import {
  firstAccountSchema,
  groupInputSchema,
  groupRoleSchema,
  groupSummarySchema,
  newAccountSchema,
  reviewerGrantSchema,
  sessionInputSchema,
  sessionSummarySchema,
  userSummarySchema,
} from '../schemas/rest.js';
import {
  inviteAcceptSchema,
  inviteCreatedSchema,
  inviteInfoSchema,
  meResponseSchema,
  serverSettingsSchema,
  settingsPatchSchema,
  unlockSchema,
} from '../schemas/security.js';
import { document, noContent, params, route, type ResponseOf, type RestRoute } from './route.js';

/**
 * Every REST route, one table (docs/protocol.md §13, checked against it by
 * test/docs/rest-contract.test.ts): the server mounts and validates its routes from it
 * (server/http/contract.ts), the client calls them through it (client/api/http.ts).
 */

const group = params({ groupId: idSchema });
const session = params({ sessionId: idSchema });
const memberNote = params({ sessionId: idSchema, memberId: idSchema });
const progressNote = z.object({ note: document<ProgressNote>('a progress note') });
const account = params({ userId: idSchema });
/** Invite tokens are checked by their route, which answers a malformed one as a used one (404). */
const invite = params({ token: z.string().min(1).max(200) });

const notice = z.string().nullable();
const record = document<ReviewRecord>('a review record');
/** A session in a list, with where it stands as a record (R28). */
const listedSession = sessionSummarySchema.extend({ record: z.enum(RECORD_STATES) });
const file = z.string();

export const contract = {
  /** Readiness (docs/operations.md): no input; until ready, 503 with `ok: false` beside the R1 error. */
  health: route({ method: 'GET', path: '/healthz', response: z.object({ ok: z.boolean() }) }),

  // Setup and accounts
  getSetup: route({ method: 'GET', path: '/api/setup', response: z.object({ needsFirstAccount: z.boolean() }) }),
  createFirstAccount: route({
    method: 'POST',
    path: '/api/setup',
    body: firstAccountSchema,
    status: 201,
    response: z.object({ user: userSummarySchema }),
  }),
  getNetwork: route({ method: 'GET', path: '/api/network', response: z.object({ secureUrl: z.string().nullable() }) }),
  getMe: route({ method: 'GET', path: '/api/me', response: meResponseSchema }),
  listFacilitators: route({
    method: 'GET',
    path: '/api/facilitators',
    response: z.object({ facilitators: z.array(z.object({ id: z.string(), name: z.string() })) }),
  }),
  addAccount: route({
    method: 'POST',
    path: '/api/accounts',
    body: newAccountSchema,
    status: 201,
    response: z.object({ user: userSummarySchema }),
  }),

  // Groups
  listGroups: route({ method: 'GET', path: '/api/groups', response: z.object({ groups: z.array(groupSummarySchema) }) }),
  createGroup: route({
    method: 'POST',
    path: '/api/groups',
    body: groupInputSchema,
    status: 201,
    response: z.object({ group: groupSummarySchema }),
  }),
  getGroup: route({ method: 'GET', path: '/api/groups/:groupId', params: group, response: z.object({ group: groupSummarySchema }) }),
  updateGroup: route({
    method: 'PUT',
    path: '/api/groups/:groupId',
    params: group,
    body: groupInputSchema,
    response: z.object({ group: groupSummarySchema }),
  }),

  // Sessions
  listGroupSessions: route({
    method: 'GET',
    path: '/api/groups/:groupId/sessions',
    params: group,
    response: z.object({ sessions: z.array(listedSession) }),
  }),
  createSession: route({
    method: 'POST',
    path: '/api/groups/:groupId/sessions',
    params: group,
    body: sessionInputSchema,
    status: 201,
    response: z.object({ session: sessionSummarySchema }),
  }),
  listMySessions: route({
    method: 'GET',
    path: '/api/sessions',
    response: z.object({ sessions: z.array(listedSession.extend({ groupName: z.string() })) }),
  }),
  /** What waits for the caller (R28): their ended sessions to write up and sign, or records to read. */
  getWorklist: route({
    method: 'GET',
    path: '/api/me/worklist',
    response: z.object({ items: z.array(document<WorkItem>('a waiting session')) }),
  }),
  getSession: route({
    method: 'GET',
    path: '/api/sessions/:sessionId',
    params: session,
    response: z.object({ session: sessionSummarySchema, update: document<StateUpdate>('a state update'), notice }),
  }),
  getSessionLog: route({
    method: 'GET',
    path: '/api/sessions/:sessionId/log',
    params: session,
    response: z.object({ sessionId: z.string(), entries: z.array(document<ReviewLogEntry>('a log entry')), notice }),
  }),

  // Review
  getReview: route({
    method: 'GET',
    path: '/api/sessions/:sessionId/review',
    params: session,
    response: z.object({
      review: document<Review>('a review'),
      /** The clinic's place (R23, R26): times on the page are written in this zone and locale. */
      timeZone: z.string(),
      locale: z.string(),
      record,
      myRole: groupRoleSchema,
      notice,
      /** The group's billing code, printed in the report's running header. */
      billingCode: z.string().nullable(),
      /** The session's ratings (review.md R34): null when it collected none, or has not ended. */
      ratings: document<SessionRatings>('a session’s ratings').nullable(),
    }),
  }),
  exportJson: route({ method: 'GET', path: '/api/sessions/:sessionId/export.json', params: session, download: true, response: file }),
  exportCsv: route({ method: 'GET', path: '/api/sessions/:sessionId/export.csv', params: session, download: true, response: file }),
  exportMembersCsv: route({ method: 'GET', path: '/api/sessions/:sessionId/members.csv', params: session, download: true, response: file }),
  exportRatingsCsv: route({ method: 'GET', path: '/api/sessions/:sessionId/ratings.csv', params: session, download: true, response: file }),
  signReview: route({
    method: 'POST',
    path: '/api/sessions/:sessionId/sign',
    params: session,
    body: signInputSchema,
    status: 201,
    response: z.object({ record }),
  }),
  addAddendum: route({
    method: 'POST',
    path: '/api/sessions/:sessionId/addenda',
    params: session,
    body: addendumInputSchema,
    status: 201,
    response: z.object({ record }),
  }),
  getProgressNotes: route({
    method: 'GET',
    path: '/api/sessions/:sessionId/progress-notes',
    params: session,
    response: document<ProgressNotesResponse>('the progress notes'),
  }),
  saveProgressNote: route({
    method: 'PUT',
    path: '/api/sessions/:sessionId/progress-notes/:memberId',
    params: memberNote,
    body: progressNoteSaveSchema,
    response: progressNote,
  }),
  addProgressNoteAddendum: route({
    method: 'POST',
    path: '/api/sessions/:sessionId/progress-notes/:memberId/addenda',
    params: memberNote,
    body: progressNoteAddendumSchema,
    status: 201,
    response: progressNote,
  }),
  getGroupReview: route({
    method: 'GET',
    path: '/api/groups/:groupId/review',
    params: group,
    response: z.object({
      groupId: z.string(),
      groupName: z.string(),
      timeZone: z.string(),
      across: document<AcrossSessions>('the sessions side by side'),
      notice,
    }),
  }),

  getGroupTrends: route({
    method: 'GET',
    path: '/api/groups/:groupId/trends',
    params: group,
    response: z.object({
      groupId: z.string(),
      settings: trendSettingsSchema,
      trends: document<Trends>('the latest sessions as series'),
      lines: z.array(document<LookLine>('a worth-a-look line')),
      notice,
    }),
  }),

  // Member voice: its own table (./ratings-contract.ts)
  ...ratingRoutes,

  // Reviewers
  listReviewers: route({
    method: 'GET',
    path: '/api/groups/:groupId/reviewers',
    params: group,
    response: z.object({ reviewers: z.array(reviewerViewSchema) }),
  }),
  addReviewer: route({
    method: 'POST',
    path: '/api/groups/:groupId/reviewers',
    params: group,
    body: reviewerGrantSchema,
    status: 201,
    response: z.object({ userId: z.string() }),
  }),
  removeReviewer: route({
    method: 'DELETE',
    path: '/api/groups/:groupId/reviewers/:userId',
    params: params({ groupId: idSchema, userId: idSchema }),
    status: 204,
    response: noContent,
  }),

  // Sign-in security
  getSettings: route({ method: 'GET', path: '/api/settings', response: z.object({ settings: serverSettingsSchema }) }),
  saveSettings: route({
    method: 'PUT',
    path: '/api/settings',
    body: settingsPatchSchema,
    response: z.object({ settings: serverSettingsSchema }),
  }),
  lock: route({ method: 'POST', path: '/api/lock', status: 204, response: noContent }),
  unlock: route({ method: 'POST', path: '/api/unlock', body: unlockSchema, status: 204, response: noContent }),
  listMySignIns: route({ method: 'GET', path: '/api/me/sign-ins', response: z.object({ signIns: z.array(signInSummarySchema) }) }),
  endMySignIn: route({
    method: 'DELETE',
    path: '/api/me/sign-ins/:signInId',
    params: params({ signInId: z.string().min(1).max(200) }),
    status: 204,
    response: noContent,
  }),
  createInvite: route({ method: 'POST', path: '/api/groups/:groupId/invites', params: group, status: 201, response: inviteCreatedSchema }),
  getInvite: route({ method: 'GET', path: '/api/invites/:token', params: invite, response: inviteInfoSchema }),
  acceptInvite: route({
    method: 'POST',
    path: '/api/invites/:token/accept',
    params: invite,
    body: inviteAcceptSchema,
    status: 201,
    response: z.object({ user: userSummarySchema, groupId: z.string() }),
  }),

  // The account lifecycle (admins)
  listAccounts: route({ method: 'GET', path: '/api/accounts', response: z.object({ accounts: z.array(accountSummarySchema) }) }),
  disableAccount: route({
    method: 'POST',
    path: '/api/accounts/:userId/disable',
    params: account,
    response: z.object({ account: accountSummarySchema }),
  }),
  enableAccount: route({
    method: 'POST',
    path: '/api/accounts/:userId/enable',
    params: account,
    response: z.object({ account: accountSummarySchema }),
  }),
  setAdmin: route({
    method: 'PUT',
    path: '/api/accounts/:userId/role',
    params: account,
    body: roleChangeSchema,
    response: z.object({ account: accountSummarySchema }),
  }),
  resetPassword: route({ method: 'POST', path: '/api/accounts/:userId/reset-password', params: account, response: passwordResetSchema }),
  signOutEverywhere: route({
    method: 'POST',
    path: '/api/accounts/:userId/sign-out-everywhere',
    params: account,
    response: z.object({ account: accountSummarySchema }),
  }),

  // Data (admins; erasure: the group's lead too)
  getAudit: route({ method: 'GET', path: '/api/audit', query: auditRangeSchema, response: auditPageSchema }),
  auditCsv: route({ method: 'GET', path: '/api/audit.csv', query: auditRangeSchema, download: true, response: file }),
  getRetention: route({ method: 'GET', path: '/api/admin/retention', response: retentionSchema }),
  saveRetention: route({ method: 'PUT', path: '/api/admin/retention', body: retentionSchema, response: retentionSchema }),
  purge: route({ method: 'POST', path: '/api/admin/purge', response: purgeResultSchema }),
  eraseMember: route({
    method: 'POST',
    path: '/api/groups/:groupId/members/:memberId/erase',
    params: params({ groupId: idSchema, memberId: idSchema }),
    /** The member as they now stand: their name a tombstone. */
    response: z.object({ member: z.object({ id: z.string(), name: z.string() }).nullable() }),
  }),

  // better-auth's routes the client calls (§2): typed here, validated and answered by better-auth.
  signIn: route({
    method: 'POST',
    path: '/api/auth/sign-in/email',
    byBetterAuth: true,
    body: z.object({ email: z.string(), password: z.string() }),
    response: z.object({ twoFactorRedirect: z.boolean().optional() }),
  }),
  signOut: route({ method: 'POST', path: '/api/auth/sign-out', byBetterAuth: true, body: z.strictObject({}), response: z.unknown() }),
  verifyTotp: route({
    method: 'POST',
    path: '/api/auth/two-factor/verify-totp',
    byBetterAuth: true,
    body: z.object({ code: z.string() }),
    response: z.unknown(),
  }),
  verifyBackupCode: route({
    method: 'POST',
    path: '/api/auth/two-factor/verify-backup-code',
    byBetterAuth: true,
    body: z.object({ code: z.string() }),
    response: z.unknown(),
  }),
  enableTwoFactor: route({
    method: 'POST',
    path: '/api/auth/two-factor/enable',
    byBetterAuth: true,
    body: z.object({ password: z.string() }),
    response: z.object({ totpURI: z.string(), backupCodes: z.array(z.string()) }),
  }),
  disableTwoFactor: route({
    method: 'POST',
    path: '/api/auth/two-factor/disable',
    byBetterAuth: true,
    body: z.object({ password: z.string() }),
    response: z.unknown(),
  }),
  newBackupCodes: route({
    method: 'POST',
    path: '/api/auth/two-factor/generate-backup-codes',
    byBetterAuth: true,
    body: z.object({ password: z.string() }),
    response: z.object({ backupCodes: z.array(z.string()) }),
  }),
  changePassword: route({
    method: 'POST',
    path: '/api/auth/change-password',
    byBetterAuth: true,
    body: z.object({ currentPassword: z.string(), newPassword: z.string(), revokeOtherSessions: z.boolean() }),
    response: z.unknown(),
  }),
} as const satisfies Record<string, RestRoute>;

/** `GET /api/sessions/:sessionId/review`: what the review page shows. */
export type ReviewResponse = ResponseOf<typeof contract.getReview>;
