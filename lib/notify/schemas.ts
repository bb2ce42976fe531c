// Forms of following and notifications (shared by the actions and their tests).
import * as z from 'zod';
import { idField } from '../validation/fields.ts';

const FOLLOW_TARGETS = ['commitment', 'agreement', 'party'] as const;
export type FollowTarget = (typeof FOLLOW_TARGETS)[number];

export const followSchema = z.object({
  target: z.enum(FOLLOW_TARGETS, { error: 'This form does not say what to follow: reload the page.' }),
  id: idField('This form does not say what to follow: reload the page.'),
});

export const notificationIdSchema = z.object({
  id: z
    .string({ error: 'This form does not say which notification: reload the page.' })
    .regex(/^[1-9]\d{0,17}$/, 'This form does not say which notification: reload the page.'),
});

export const emptySchema = z.object({});

const EMAIL_FREQUENCIES = ['off', 'immediate', 'daily'] as const;
export type EmailFrequency = (typeof EMAIL_FREQUENCIES)[number];

export const emailFrequencySchema = z.object({
  emailFrequency: z.enum(EMAIL_FREQUENCIES, { error: 'Choose off, immediately or a daily digest.' }),
});
