// Which registered commitments an article bears on, best first. This is the seam where lib/search plugs in: its
// ranking replaces `rankCommitments` (same input, same output) once it exists; until then a plain word-overlap
// score over the commitments the registry loader brought (lib/draft/registry.ts) does the job: words weighted by
// how rare they are among commitments, the best sentence per commitment, and a bonus for parties in common.
import type { RegistryCommitment } from './types.ts';
import { stem, words } from './words.ts';

export type RankQuery = {
  sentences: string[];
  /** Registered parties the article names. */
  partyIds: number[];
};

export type RankedCommitment = {
  commitment: RegistryCommitment;
  /** Index into `sentences` of the sentence that matches it best. */
  sentence: number;
  score: number;
  /** The word stems shared with that sentence. */
  shared: string[];
};

const RELATIVE_FLOOR = 0.6;
const DESCRIPTION_FACTOR = 0.5;

function stems(text: string): Set<string> {
  return new Set(words(text).map(stem));
}

/**
 * The commitments sharing at least two rare-enough words with one sentence of the article (one is a coincidence),
 * best first, at most `limit`.
 */
export function rankCommitments(
  query: RankQuery,
  commitments: RegistryCommitment[],
  limit = 5,
): RankedCommitment[] {
  // The title says what the commitment is; the description adds context (names, places) that many share.
  const documents = commitments.map((c) => {
    const factors = new Map<string, number>();
    for (const s of stems(c.description ?? '')) factors.set(s, DESCRIPTION_FACTOR);
    for (const s of stems(c.title)) factors.set(s, 1);
    return factors;
  });
  const frequency = new Map<string, number>();
  for (const document of documents)
    for (const s of document.keys()) frequency.set(s, (frequency.get(s) ?? 0) + 1);
  const weight = (s: string) => Math.log((commitments.length + 1) / ((frequency.get(s) ?? 0) + 1)) + 1;
  const sentenceStems = query.sentences.map(stems);
  const parties = new Set(query.partyIds);

  const ranked: RankedCommitment[] = [];
  commitments.forEach((commitment, index) => {
    const document = documents[index];
    const weighted = (s: string) => (weight(s) * (document.get(s) ?? 0)) ** 2;
    const total = Math.sqrt([...document.keys()].reduce((sum, s) => sum + weighted(s), 0)) || 1;
    let best: Omit<RankedCommitment, 'commitment'> | null = null;
    sentenceStems.forEach((sentence, position) => {
      const shared = [...document.keys()].filter((s) => sentence.has(s));
      if (shared.length < 2) return;
      const score = shared.reduce((sum, s) => sum + weighted(s), 0) / total;
      if (!best || score > best.score) best = { sentence: position, score, shared };
    });
    if (!best) return;
    const found: Omit<RankedCommitment, 'commitment'> = best;
    const common = commitment.partyIds.filter((id) => parties.has(id)).length;
    ranked.push({ commitment, ...found, score: found.score * (1 + 0.1 * Math.min(common, 3)) });
  });
  ranked.sort((a, b) => b.score - a.score || a.commitment.id - b.commitment.id);
  // Far behind the best is noise: a word or two in common with a sentence about something else.
  const floor = (ranked[0]?.score ?? 0) * RELATIVE_FLOOR;
  return ranked.filter((entry) => entry.score >= floor).slice(0, limit);
}
