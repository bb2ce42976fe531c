// The "New token" form of /me/tokens, checked in the action (lib/auth/action.ts) like every form.
import * as z from 'zod';
import { addDays, today } from '../domain/dates.ts';
import { dayParamSchema } from '../validation/filters.ts';

const TOKEN_NAME_MAX = 100;

export const createTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Name the token after what uses it, e.g. "Analysis notebook".')
    .max(TOKEN_NAME_MAX, `Up to ${TOKEN_NAME_MAX} characters.`),
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

export const revokeTokenSchema = z.object({ id: z.string().trim().min(1).max(100) });
