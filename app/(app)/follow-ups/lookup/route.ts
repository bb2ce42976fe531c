// GET /follow-ups/lookup?url=…: the item already logged under this address or another form of the same article
// (compared normalised, by identity: http/https, www. and AMP forms are one item; lib/domain/url.ts urlIdentity),
// so the follow-up form can say so as soon as the analyst leaves the URL field. The action checks again on submit.
import type { EvidenceLookup } from '@/components/follow-ups/evidence-lookup';
import type { LoggedItem } from '@/components/follow-ups/existing-item-notice';
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
  // The address as first logged travels with the item, so the notice can show it when it differs from what the
  // analyst pasted (an AMP or www. form of it).
  const item: (LoggedItem & { url: string }) | null = evidence && {
    id: evidence.id,
    url: evidence.url,
    title: evidence.title,
    outlet: evidence.outlet.name,
    publishedOn: evidence.publishedOn ? formatDay(evidence.publishedOn) : null,
    loggedAt: evidence.createdAt.toISOString(),
    reliability: evidence.reliability,
    credibility: evidence.credibility,
    type: evidence.type,
    language: evidence.language,
  };
  const body: EvidenceLookup = item ? { found: true, url: item.url, evidence: item } : { found: false, url };
  return Response.json(body, { headers: { 'Cache-Control': 'no-store' } });
}
