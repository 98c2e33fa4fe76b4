import { contract } from '../../../shared/rest/contract.js';
import { call, linkTo } from '../../api/http.js';

/** The review's REST calls (docs/protocol.md §13, Review), typed by the contract. */

export const getReview = (sessionId: string) => call(contract.getReview, { params: { sessionId } });
export const getGroupReview = (groupId: string) => call(contract.getGroupReview, { params: { groupId } });
export const signReview = (sessionId: string) => call(contract.signReview, { params: { sessionId }, body: {} });
export const addAddendum = (sessionId: string, text: string) => call(contract.addAddendum, { params: { sessionId }, body: { text } });

const EXPORTS = {
  'export.csv': contract.exportCsv,
  'export.json': contract.exportJson,
  'members.csv': contract.exportMembersCsv,
  'ratings.csv': contract.exportRatingsCsv,
};

/** Downloads are plain links: the browser saves what the server sends as an attachment. */
export const exportUrl = (sessionId: string, file: keyof typeof EXPORTS) => linkTo(EXPORTS[file], { params: { sessionId } });
