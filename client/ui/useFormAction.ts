import { useState, type FormEvent } from 'react';
import { HttpError } from '../api/http.js';

/** A failure in words: the server's message, with the fields it named when it named any. */
export function describeFailure(failure: unknown): string {
  const message = failure instanceof Error ? failure.message : 'Something went wrong.';
  const issues = failure instanceof HttpError ? failure.issues.map((i) => `${i.path}: ${i.message}`).join('; ') : '';
  return issues ? `${message} (${issues})` : message;
}

/**
 * The submit handler every form here needs: it reads the form, marks itself busy so a second
 * press does nothing, and shows what went wrong. `action` may throw; `describe` words the failure.
 */
export function useFormAction(action: (form: FormData) => Promise<void>, describe: (failure: unknown) => string = describeFailure) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(form: FormData) {
    setBusy(true);
    setError(null);
    try {
      await action(form);
    } catch (failure) {
      setError(describe(failure));
    } finally {
      setBusy(false);
    }
  }
  /** A form's onSubmit handler returns nothing: React would drop a promise, and its rejection with it. */
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    void run(new FormData(event.currentTarget));
  }
  return { submit, busy, error };
}
