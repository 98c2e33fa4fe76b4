import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

/**
 * Password strength (docs/security.md S25): the length rule (10 to 128, in the schemas) plus an
 * estimate by zxcvbn-ts with its common-password and English dictionaries. Used on every route
 * that sets a password. The dictionaries are a few MB: loaded on the first check, once, and only
 * ever on the server.
 */

/** zxcvbn's 0–4 score: below this a password is refused (3 means "safely unguessable" online). */
const MIN_SCORE = 3;

let estimator: Promise<ZxcvbnFactory> | null = null;

function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ]);
    return new ZxcvbnFactory({
      translations: en.translations,
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...en.dictionary },
    });
  })();
  return estimator;
}

/**
 * Why `password` is too weak, as a sentence for the person choosing it, or null if it is strong
 * enough. `userInputs` (the account's name and email) count as known words: a password made of
 * them is easy to guess for anyone who knows the person.
 */
export async function passwordWeakness(password: string, userInputs: readonly string[] = []): Promise<string | null> {
  const zxcvbn = await loadEstimator();
  // The email's local part and the name's words, so "dana.lee2026" is recognised too.
  const words = userInputs.flatMap((input) => [input, ...input.toLowerCase().split(/[^\p{L}\p{N}]+/u)]).filter((w) => w.length >= 3);
  const { score, feedback } = zxcvbn.check(password, words);
  if (score >= MIN_SCORE) return null;
  const why = feedback.warning ? ` ${sentence(feedback.warning)}` : '';
  const tip = feedback.suggestions[0] ? ` ${sentence(feedback.suggestions[0])}` : ' Add a few more uncommon words.';
  return `This password is too easy to guess.${why}${tip}`;
}

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/** A refusal for a password that is too weak; routes answer it as 400 with the reason. */
export class WeakPasswordError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Throws WeakPasswordError unless `password` is strong enough. */
export async function assertStrongPassword(password: string, userInputs: readonly string[] = []): Promise<void> {
  const reason = await passwordWeakness(password, userInputs);
  if (reason) throw new WeakPasswordError(reason);
}
