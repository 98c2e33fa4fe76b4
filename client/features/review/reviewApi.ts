import type { GroupReviewResponse, ReviewRecord, ReviewResponse } from '../../../shared/review/record.js';
import { request } from '../../api/http.js';

/** The review's REST calls (docs/protocol.md §13, Review). */
const session = (id: string) => `/api/sessions/${encodeURIComponent(id)}`;

export const getReview = (sessionId: string) => request<ReviewResponse>('GET', `${session(sessionId)}/review`);
export const getGroupReview = (groupId: string) => request<GroupReviewResponse>('GET', `/api/groups/${encodeURIComponent(groupId)}/review`);
export const signReview = (sessionId: string) => request<{ record: ReviewRecord }>('POST', `${session(sessionId)}/sign`, {});
export const addAddendum = (sessionId: string, text: string) =>
  request<{ record: ReviewRecord }>('POST', `${session(sessionId)}/addenda`, { text });

/** Downloads are plain links: the browser saves what the server sends as an attachment. */
export const exportUrl = (sessionId: string, file: 'export.csv' | 'export.json' | 'members.csv') => `${session(sessionId)}/${file}`;
