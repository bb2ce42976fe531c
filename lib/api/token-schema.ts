// The "New token" form of /me/tokens, checked in the action (lib/auth/action.ts) like every form.
import * as z from 'zod';
import { addDays, today } from '../domain/dates.ts';
import { requiredText } from '../validation/fields.ts';
import { dayParamSchema } from '../validation/filters.ts';

const TOKEN_NAME_MAX = 100;

export const createTokenSchema = z.object({
  name: requiredText('Name the token after what uses it, e.g. "Analysis notebook".', TOKEN_NAME_MAX, {
    oneLine: true,
  }),
  access: z.enum(['read', 'write'], 'Choose read-only or read and write.'),
  /** The last day the token works (UTC); empty: until revoked. */
  expiresOn: z
    .string()
    .trim()
    .transform((text) => (text === '' ? undefined : text))
    .pipe(
      dayParamSchema
        .refine((day) => day.getTime() >= today().getTime(), 'Choose today or a later day.')
        .transform((day) => addDays(day, 1))
        .optional(),
    )
    .optional(),
});

// Token ids are made by newId (letters, digits, - and _); anything else names no token (and NUL would fail in
// PostgreSQL).
export const revokeTokenSchema = z.object({
  id: z.string({ error: 'No token given.' }).regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'No such token.' }),
});
