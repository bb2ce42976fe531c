import 'server-only';
// POST /api/v1/follow-ups: the "Log follow-up" form's write, step for step as its action
// (app/(app)/follow-ups/actions.ts logFollowUp) does it: the same schema over the same flat field names, the same
// database check of a refused form, the same warnings to confirm (`confirmWarnings`), the same mutation with its
// audit events, authored by the token's user.
import { formDataToObject } from '../auth/action-core.ts';
import { jsonFields } from './body.ts';
import { logFollowUp, refuseFollowUp, type LoggedFollowUp } from '../data/evidence.ts';
import { unconfirmedWarnings } from '../data/follow-up-warnings.ts';
import { followUpSubmissionSchema } from '../validation/follow-up.ts';

/** The form's fields from a JSON object (strings; numbers and booleans written as the form would) or a form. */
export async function followUpFields(request: Request): Promise<Record<string, unknown> | null> {
  const type = request.headers.get('content-type') ?? '';
  if (type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded')) {
    return formDataToObject(await request.formData(), followUpSubmissionSchema);
  }
  return jsonFields(request);
}

export async function logFollowUpFromApi(
  fields: Record<string, unknown>,
  actorId: string,
): Promise<LoggedFollowUp> {
  const submission = followUpSubmissionSchema.parse(fields);
  if (!submission.ok) return refuseFollowUp(submission);
  const input = submission.input;
  return logFollowUp(input, actorId, undefined, {
    pendingRefusal: (tx) => unconfirmedWarnings(input, tx),
  });
}
