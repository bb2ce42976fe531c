// POST /api/v1/follow-ups: log a follow-up, as the form does (lib/api/follow-ups.ts). The body is the form's flat
// fields as a JSON object (`url`, `title`, `rows.0.commitmentId`, …); field errors come back under those names.
import { revalidatePath } from 'next/cache';
import { logFollowUpFromApi, followUpFields } from '@/lib/api/follow-ups';
import { apiRoute } from '@/lib/api/handler';
import { problem } from '@/lib/api/problem';
import { formatDay } from '@/lib/domain/dates';

export const dynamic = 'force-dynamic';

export const POST = apiRoute('write', async (request, _context, principal) => {
  const fields = await followUpFields(request);
  if (!fields) {
    return problem({ status: 400, title: 'Bad request', detail: 'Send the fields as a JSON object.' });
  }
  const logged = await logFollowUpFromApi(fields, principal.user.id);
  // Statuses show on nearly every screen, as after the form.
  revalidatePath('/', 'layout');
  const { evidence } = logged;
  return Response.json(
    {
      evidence: {
        id: evidence.id,
        title: evidence.title,
        publishedOn: evidence.publishedOn && formatDay(evidence.publishedOn),
      },
      reused: logged.reused,
      updateIds: logged.updateIds,
      // Rows on an agreement that requires review, by an analyst: proposals waiting in /review (decision 018).
      proposalIds: logged.proposalIds,
      commitmentIds: logged.commitmentIds,
    },
    {
      status: 201,
      headers: { 'Cache-Control': 'no-store', Location: `/api/v1/evidence/${evidence.id}` },
    },
  );
});
