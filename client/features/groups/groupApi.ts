import { request } from '../../api/http.js';

/** A group's reviewers and member erasure (server/http/routes/{reviewers,privacy}.ts). */

const enc = encodeURIComponent;

export interface ReviewerView {
  userId: string;
  name: string;
  /** ISO instant. */
  grantedAt: string;
}

export const listReviewers = (groupId: string) => request<{ reviewers: ReviewerView[] }>('GET', `/api/groups/${enc(groupId)}/reviewers`);
export const addReviewer = (groupId: string, userId: string) =>
  request<{ userId: string }>('POST', `/api/groups/${enc(groupId)}/reviewers`, { userId });
export const removeReviewer = (groupId: string, userId: string) =>
  request<null>('DELETE', `/api/groups/${enc(groupId)}/reviewers/${enc(userId)}`);

/** Replaces the member's name by a tombstone everywhere, for good (docs/privacy.md D11). */
export const eraseMember = (groupId: string, memberId: string) =>
  request<{ member: { id: string; name: string } | null }>('POST', `/api/groups/${enc(groupId)}/members/${enc(memberId)}/erase`, {});
