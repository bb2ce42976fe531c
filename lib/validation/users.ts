// Forms of the admin users screen (app/(app)/admin/users).
import * as z from 'zod';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../auth/password-policy.ts';
import { ROLES } from '../auth/permissions.ts';
import { requiredText } from './fields.ts';

export const emailSchema = z
  .string({ error: 'Enter an e-mail address.' })
  .trim()
  .toLowerCase()
  .pipe(
    z
      .email({ error: 'Enter a valid e-mail address.' })
      .max(254, { error: 'That e-mail address is too long.' }),
  );

const roleSchema = z.enum(ROLES, { error: 'Choose a role.' });

/** Whether a password is nothing but whitespace (the server's rule too: lib/auth/credentials.ts, passwordProblem). */
const onlyWhitespace = (value: string) => value !== '' && !value.trim();

/** A new password someone types, under the rules every password meets (lib/auth/credentials.ts, passwordProblem). */
const newPasswordSchema = z
  .string({ error: 'Enter a new password.' })
  .min(1, { error: 'Enter a new password.' })
  .min(MIN_PASSWORD_LENGTH, { error: `Use at least ${MIN_PASSWORD_LENGTH} characters.` })
  .max(MAX_PASSWORD_LENGTH, { error: `Use at most ${MAX_PASSWORD_LENGTH} characters.` })
  .refine((value) => !onlyWhitespace(value), { error: 'Use something other than spaces alone.' });

/** An admin's choice of password for someone else. Empty: the server generates one and shows it once. */
const chosenPasswordSchema = z
  .string({ error: 'Enter a password, or leave it empty to generate one.' })
  .optional()
  .transform((value) => value ?? '')
  .refine((value) => value === '' || value.length >= MIN_PASSWORD_LENGTH, {
    error: `Use at least ${MIN_PASSWORD_LENGTH} characters, or leave it empty to generate one.`,
  })
  .refine((value) => value.length <= MAX_PASSWORD_LENGTH, {
    error: `Use at most ${MAX_PASSWORD_LENGTH} characters.`,
  })
  .refine((value) => !onlyWhitespace(value), {
    error: 'Use something other than spaces alone, or leave it empty to generate one.',
  });

export const createUserSchema = z.object({
  email: emailSchema,
  name: requiredText('Enter a name.', 120, { oneLine: true }),
  role: roleSchema,
  password: chosenPasswordSchema,
});

export const userIdSchema = z.object({
  // Better Auth's ids: 32 letters and digits. Anything else names no user (and NUL would fail in PostgreSQL).
  userId: z.string({ error: 'No user given.' }).regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'No such user.' }),
});

export const changeRoleSchema = userIdSchema.extend({ role: roleSchema });

/** An admin sets a new password for someone else (never themselves: they use /me/password). */
export const resetPasswordSchema = userIdSchema.extend({ password: chosenPasswordSchema });

// Better Auth's session ids: the same alphabet as user ids.
const sessionIdSchema = z
  .string({ error: 'Reload the page and try again.' })
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'Reload the page and try again.' });

/** Someone changes their own password (/me/password). */
export const changeOwnPasswordSchema = z
  .object({
    /** The session the form was loaded in: it stays signed in, the user's other sessions end. */
    sessionId: sessionIdSchema,
    currentPassword: z
      .string({ error: 'Enter your current password.' })
      .min(1, { error: 'Enter your current password.' }),
    newPassword: newPasswordSchema,
    confirmPassword: z.string({ error: 'Type the new password again.' }).min(1, {
      error: 'Type the new password again.',
    }),
  })
  .refine((input) => input.confirmPassword === input.newPassword, {
    path: ['confirmPassword'],
    error: 'This is not the same as the new password.',
    when: (payload) => bothStrings(payload.value, 'newPassword', 'confirmPassword'),
  })
  .refine((input) => input.newPassword !== input.currentPassword, {
    path: ['newPassword'],
    error: 'Choose a password different from your current one.',
    when: (payload) => bothStrings(payload.value, 'newPassword', 'currentPassword'),
  });

function bothStrings(value: unknown, a: string, b: string): boolean {
  if (!value || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  return typeof record[a] === 'string' && typeof record[b] === 'string' && record[a] !== '';
}
