'use server';
// The analyst's main write: one news item and what it shows about one or more commitments, in one transaction
// (lib/data/evidence.ts logFollowUp). Afterwards: back where the form was, or to the first commitment's page,
// with a notice.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { withLoggedNotice } from '@/components/follow-ups/notice';
import { action } from '@/lib/auth/action';
import { safeNextPath } from '@/lib/auth/next-path';
import { logFollowUp as logFollowUpRecord, refuseFollowUp } from '@/lib/data/evidence';
import { unconfirmedWarnings } from '@/lib/data/follow-up-warnings';
import { followUpSubmissionSchema } from '@/lib/validation/follow-up';

export const logFollowUp = action(
  { permission: 'write', schema: followUpSubmissionSchema },
  async (submission, { user }) => {
    // A form the schema refuses is still checked against the database (reads only), so every problem is
    // reported at once rather than in rounds.
    if (!submission.ok) return refuseFollowUp(submission);
    const input = submission.input;
    // An update that would not become current, or moves a status backwards, is saved only once confirmed; the
    // warnings are read on the state before the submit and raised only when nothing else is wrong with it.
    const logged = await logFollowUpRecord(input, user.id, undefined, {
      pendingRefusal: (tx) => unconfirmedWarnings(input, tx),
    });
    // Statuses show on nearly every screen (overview, lists, commitment, party and agreement pages).
    revalidatePath('/', 'layout');
    const target = input.returnTo ? safeNextPath(input.returnTo) : `/commitments/${logged.commitmentIds[0]}`;
    redirect(
      withLoggedNotice(target, {
        updates: logged.updateIds.length,
        proposed: logged.proposalIds.length,
        evidenceId: logged.evidence.id,
        reused: logged.reused,
      }),
    );
  },
);
