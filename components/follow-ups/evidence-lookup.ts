// What GET /follow-ups/lookup answers, and the browser side of asking it.
import type { EvidenceType, Reliability } from '@/lib/generated/prisma/enums';

export type ExistingItem = {
  id: number;
  title: string;
  outlet: string;
  /** YYYY-MM-DD, or null when the item carries no date. */
  publishedOn: string | null;
  /** When it was logged (ISO timestamp). */
  loggedAt: string;
  reliability: Reliability;
  credibility: number;
  type: EvidenceType;
  language: string;
};

export type EvidenceLookup =
  { found: false; url: string | null } | { found: true; url: string; evidence: ExistingItem };

const LOOKUP_PATH = '/follow-ups/lookup';

/** Asks whether `url` is logged; null when the answer could not be had (offline, signed out): submit checks again. */
export async function lookUpEvidence(url: string, signal?: AbortSignal): Promise<EvidenceLookup | null> {
  try {
    const response = await fetch(`${LOOKUP_PATH}?url=${encodeURIComponent(url)}`, {
      signal,
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    });
    if (!response.ok || !response.headers.get('content-type')?.includes('application/json')) return null;
    return (await response.json()) as EvidenceLookup;
  } catch {
    return null;
  }
}
