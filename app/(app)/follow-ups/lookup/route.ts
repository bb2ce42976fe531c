// GET /follow-ups/lookup?url=…: the item already logged under this address (compared normalised), so the
// follow-up form can say so as soon as the analyst leaves the URL field. The action checks again on submit.
import type { EvidenceLookup } from '@/components/follow-ups/evidence-lookup';
import { routeGuard } from '@/lib/auth/action';
import { findEvidenceByUrl } from '@/lib/data/evidence';
import { formatDay } from '@/lib/domain/dates';
import { normaliseUrl } from '@/lib/domain/url';
import { LIMITS } from '@/lib/validation/follow-up';

export async function GET(request: Request): Promise<Response> {
  const guard = await routeGuard('read');
  if (!guard.ok) return guard.response;

  const text = new URL(request.url).searchParams.get('url') ?? '';
  const url = text.length <= LIMITS.url ? normaliseUrl(text) : null;
  const evidence = url ? await findEvidenceByUrl(url) : null;
  const body: EvidenceLookup = evidence
    ? {
        found: true,
        url: evidence.url,
        evidence: {
          id: evidence.id,
          title: evidence.title,
          outlet: evidence.outlet.name,
          publishedOn: evidence.publishedOn ? formatDay(evidence.publishedOn) : null,
          loggedAt: evidence.createdAt.toISOString(),
          reliability: evidence.reliability,
          credibility: evidence.credibility,
          type: evidence.type,
          language: evidence.language,
        },
      }
    : { found: false, url };
  return Response.json(body, { headers: { 'Cache-Control': 'no-store' } });
}
