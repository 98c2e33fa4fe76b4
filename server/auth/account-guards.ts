import type { BetterAuthOptions } from 'better-auth';
import { APIError } from 'better-auth/api';
import { LIMITS } from '../../shared/schemas/common.js';
import { unsafeTextReason } from '../../shared/schemas/text.js';
import type { GuardQueries } from './auth-database.js';

/** Said to a disabled account that gave its right password (and only then: no enumeration). */
const DISABLED_MESSAGE = 'This account has been disabled. Ask an admin of this clinic if you need it again.';

/** Why a staff name cannot be stored (S40), or null: the same words as the shared schemas. */
function staffNameProblem(name: unknown): string | null {
  if (typeof name !== 'string') return 'A name must be text.';
  const trimmed = name.trim();
  if (trimmed.length === 0) return 'A name cannot be empty.';
  if (trimmed.length > LIMITS.personName) return `A name can be at most ${LIMITS.personName} characters.`;
  // Checked as sent: JavaScript's trim would strip a U+FEFF that is then stored untrimmed.
  return unsafeTextReason(name, { noun: 'Names' });
}

/** Checks the user fields about to be written, whichever route writes them. */
function checkUserFields(data: Record<string, unknown>): void {
  if ('name' in data && data.name !== undefined) {
    const problem = staffNameProblem(data.name);
    if (problem) throw APIError.from('BAD_REQUEST', { message: problem, code: 'INVALID_NAME' });
  }
  // Holdspace shows no pictures of staff: an image field is only a place to park megabytes.
  if ('image' in data && data.image !== undefined && data.image !== null) {
    throw APIError.from('BAD_REQUEST', { message: 'Accounts have no picture.', code: 'IMAGE_NOT_ALLOWED' });
  }
}

/**
 * better-auth's database hooks (S40, S42): every write of a user row — update-user, setup, an
 * admin's or an invite's account, the CLI — goes through the name check; every new sign-in
 * session — password, second factor, setup, invite — is refused for a disabled account.
 */
export function accountDatabaseHooks(queries: GuardQueries): NonNullable<BetterAuthOptions['databaseHooks']> {
  return {
    user: {
      create: { before: async (user) => void checkUserFields(user) },
      update: { before: async (user) => void checkUserFields(user) },
    },
    session: {
      create: {
        before: async (session) => {
          if (await queries.isDisabled(session.userId))
            throw APIError.from('FORBIDDEN', { message: DISABLED_MESSAGE, code: 'ACCOUNT_DISABLED' });
        },
      },
    },
    account: {
      update: {
        // A person who changed their own password has done what a reset asked (S43).
        after: async (_account, ctx) => {
          const userId = ctx?.path === '/change-password' ? ctx.context.session?.user.id : undefined;
          if (userId) await queries.passwordChanged(userId);
        },
      },
    },
  };
}
