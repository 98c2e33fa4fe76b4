import { LIMITS } from '../../shared/schemas/common.js';
import { Field } from './Field.js';

/** What the server asks of a new password (docs/security.md S25), said before it is refused. */
const PASSWORD_HINT = `At least ${LIMITS.password.min} characters, and not easy to guess.`;

/** A password being chosen: the limits the server checks, and the hint that states them. */
export function NewPasswordField({
  label = 'Password',
  name = 'password',
  hint = true,
}: {
  label?: string;
  name?: string;
  hint?: boolean;
}) {
  return (
    <Field
      label={label}
      name={name}
      type="password"
      autoComplete="new-password"
      required
      minLength={LIMITS.password.min}
      maxLength={LIMITS.password.max}
      {...(hint ? { hint: PASSWORD_HINT } : {})}
    />
  );
}

/** Name, Email and Password for an account being made (the first account, an accepted invite). */
export function NewAccountFields() {
  return (
    <>
      <Field label="Name" name="name" autoComplete="name" required maxLength={LIMITS.personName} />
      <Field label="Email" name="email" type="email" autoComplete="username" required maxLength={LIMITS.email} />
      <NewPasswordField />
    </>
  );
}
