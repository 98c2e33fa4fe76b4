import type { z } from 'zod';

/** How many wrong fields a refusal names: enough to fix a client, short enough to read. */
const NAMED_ISSUES = 3;

/**
 * A zod error as one sentence a facilitator can read, e.g. "The command was not understood
 * (field 'command.type' is missing)." It names fields and the schema's own limits, never the
 * values sent: those may be personal (docs/protocol.md P5, §15).
 */
export function describeIssues(error: z.ZodError, subject = 'request'): string {
  const named = error.issues.slice(0, NAMED_ISSUES).map(plainIssue);
  const more = error.issues.length - named.length;
  return `The ${subject} was not understood (${named.join('; ')}${more > 0 ? `; and ${more} more` : ''}).`;
}

export function issueList(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

type Issue = z.ZodError['issues'][number];

/** One issue in plain words: what is wrong with which field. */
function plainIssue(issue: Issue): string {
  // Unknown keys are reported on the object that holds them, the whole body included.
  if (issue.code === 'unrecognized_keys')
    return issue.keys.map((key) => `field '${[...issue.path, key].join('.')}' is not expected`).join('; ');
  if (issue.path.length === 0) return issue.code === 'invalid_type' ? `it should be ${article(issue.expected)}` : 'it is not valid';
  const field = `field '${issue.path.join('.')}'`;
  // Our schemas word their own checks as "must …" (shared/schemas/): that is already plain.
  if ((issue.code === 'custom' || issue.code === 'invalid_format') && /^must /.test(issue.message)) return `${field} ${issue.message}`;
  switch (issue.code) {
    case 'invalid_type':
      return /received undefined$/.test(issue.message) ? `${field} is missing` : `${field} should be ${article(issue.expected)}`;
    case 'too_small':
      return `${field} ${sizeWords(issue.origin, 'small')}, at least ${String(issue.minimum)}${unit(issue.origin)}`;
    case 'too_big':
      return `${field} ${sizeWords(issue.origin, 'big')}, at most ${String(issue.maximum)}${unit(issue.origin)}`;
    case 'invalid_value':
      return `${field} must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_union':
      return `${field} is not one Holdspace knows`;
    case 'invalid_format':
      return `${field} is not in the expected format`;
    default:
      return `${field} is not valid`;
  }
}

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

function sizeWords(origin: string, way: 'small' | 'big'): string {
  if (origin === 'string') return way === 'small' ? 'is too short' : 'is too long';
  if (origin === 'array' || origin === 'set') return way === 'small' ? 'has too few entries' : 'has too many entries';
  return way === 'small' ? 'is too small' : 'is too large';
}

const unit = (origin: string) => (origin === 'string' ? ' characters' : '');
