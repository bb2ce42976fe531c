// Forms of the admin users screen (app/(app)/admin/users).
import * as z from 'zod';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../auth/password-policy.ts';
import { ROLES } from '../auth/permissions.ts';

export const emailSchema = z
  .string({ error: 'Enter an e-mail address.' })
  .trim()
  .toLowerCase()
  .pipe(
    z
      .email({ error: 'Enter a valid e-mail address.' })
      .max(254, { error: 'That e-mail address is too long.' }),
  );

export const roleSchema = z.enum(ROLES, { error: 'Choose a role.' });

export const createUserSchema = z.object({
  email: emailSchema,
  name: z
    .string({ error: 'Enter a name.' })
    .trim()
    .min(1, { error: 'Enter a name.' })
    .max(120, { error: 'Use at most 120 characters.' })
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), {
      error: 'Remove the invisible control characters from the name.',
    }),
  role: roleSchema,
  /** Empty: the server generates one and shows it once. */
  password: z
    .string()
    .optional()
    .transform((value) => value ?? '')
    .refine((value) => value === '' || value.length >= MIN_PASSWORD_LENGTH, {
      error: `Use at least ${MIN_PASSWORD_LENGTH} characters, or leave it empty to generate one.`,
    })
    .refine((value) => value.length <= MAX_PASSWORD_LENGTH, {
      error: `Use at most ${MAX_PASSWORD_LENGTH} characters.`,
    }),
});
export type CreateUserInput = z.output<typeof createUserSchema>;

export const userIdSchema = z.object({
  // Better Auth's ids: 32 letters and digits. Anything else names no user (and NUL would fail in PostgreSQL).
  userId: z.string({ error: 'No user given.' }).regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'No such user.' }),
});

export const changeRoleSchema = userIdSchema.extend({ role: roleSchema });
