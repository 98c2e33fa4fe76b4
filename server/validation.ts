import type { z } from 'zod';

/** A zod error as one sentence a person can act on (paths only: values may be personal). */
export function describeIssues(error: z.ZodError): string {
  const first = error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : 'payload';
    return `${where}: ${issue.message}`;
  });
  return `Invalid request — ${first.join('; ')}${error.issues.length > 3 ? '; …' : ''}.`;
}

export function issueList(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}
