// What a follow-up article says about the commitments it bears on: for each, ranked (lib/draft/rank.ts), the
// sentence about it and the status and evidence type that sentence suggests. The cues, first match wins:
// - a denial ("denied", "refuted") is a contradiction; the status is left as it is, for the analyst to judge;
// - "cancelled", "scrapped", "called off" → broken, contradiction;
// - "stalled", "delayed", "postponed", "on hold" → stalled, contradiction;
// - a first step ("has begun", "first batch") → in progress, action;
// - a thing done ("has established", "was inaugurated", "became operational", "arrived in") → fulfilled, action;
// - something under way by word only ("is being set up") → in progress, announcement;
// - a promise ("will establish", "plans to") → not started, announcement; on a commitment already past that,
//   a corroboration that keeps its status.
import type { CommitmentStatus, EvidenceType } from '../generated/prisma/enums.ts';
import { formatDay } from '../domain/dates.ts';
import type { UpdateKind } from '../domain/status.ts';
import { dateInSentence } from './dates.ts';
import { rankCommitments } from './rank.ts';
import type { FollowUpCommitmentDraft, Registry, RegistryCommitment } from './types.ts';
import { stem, words } from './words.ts';

type Cue = { rule: string; re: RegExp; status: CommitmentStatus | 'unchanged'; evidenceType: EvidenceType };

const DONE =
  'established|set up|completed|inaugurated|launched|created|built|opened|deployed|operationali[sz]ed|made operational|formed|constituted|activated|commissioned|notified|handed over|delivered|signed|held|conducted|implemented';

const CUES: Cue[] = [
  {
    rule: 'denial',
    re: /\b(?:denied|denies|deny|refuted|refutes|rejected\s+(?:reports|claims)|dismissed\s+(?:reports|claims)|no\s+such\s+\w+\s+(?:exists|has\s+been))\b/i,
    status: 'unchanged',
    evidenceType: 'contradiction',
  },
  {
    rule: 'cancelled',
    re: /\b(?:cancell?ed|cancels|scrapped|abandoned|called\s+off|terminated|withdrew\s+from|pulled\s+out\s+of|shelved)\b/i,
    status: 'broken',
    evidenceType: 'contradiction',
  },
  {
    rule: 'stalled or delayed',
    re: /\b(?:stalled|delayed|delays?|postponed|put\s+on\s+hold|on\s+hold|suspended|behind\s+schedule|yet\s+to\s+(?:begin|start|be)|has\s+not\s+(?:yet\s+)?(?:begun|started)|no\s+progress|missed\s+(?:the\s+)?deadline)\b/i,
    status: 'stalled',
    evidenceType: 'contradiction',
  },
  {
    rule: 'first step taken',
    re: /\b(?:(?:has|have|had)\s+(?:now\s+)?(?:begun|started|commenced|initiated)|began|commenced|first\s+(?:batch|phase|round|group|session|meeting|tranche|consignment|shipment|instalment|installment|delivery)|work\s+(?:is|has)\s+(?:under\s*way|begun))\b/i,
    status: 'in_progress',
    evidenceType: 'concrete_action',
  },
  {
    rule: 'done',
    re: new RegExp(
      `\\b(?:(?:has|have|had)\\s+(?:now\\s+)?(?:been\\s+)?(?:formally\\s+|officially\\s+|finally\\s+|successfully\\s+)?(?:${DONE})|(?:was|were)\\s+(?:formally\\s+|officially\\s+|finally\\s+)?(?:${DONE})|(?:became|is\\s+now|are\\s+now)\\s+(?:fully\\s+)?operational|inaugurated|arrived\\s+in|(?:has|have)\\s+visited|attended)\\b`,
      'i',
    ),
    status: 'fulfilled',
    evidenceType: 'concrete_action',
  },
  {
    rule: 'under way by word',
    re: /\b(?:is|are)\s+being\s+(?:established|set\s+up|built|created|formed|prepared|finalised|finalized|developed)\b/i,
    status: 'in_progress',
    evidenceType: 'announcement',
  },
  {
    rule: 'promise',
    re: /\b(?:will|would|shall|plans?\s+to|planning\s+to|(?:is|are)\s+set\s+to|intends?\s+to|(?:is|are)\s+expected\s+to|to\s+be\s+(?:established|set\s+up|launched))\b/i,
    status: 'not_started',
    evidenceType: 'announcement',
  },
];

function cueOf(sentence: string): { cue: Cue; matched: string } | null {
  for (const cue of CUES) {
    const match = cue.re.exec(sentence);
    if (match) return { cue, matched: match[0] };
  }
  return null;
}

/** The commitments a follow-up bears on, each with a suggested status change. */
export function followUpCommitments(
  sentences: string[],
  partyIds: number[],
  publishedOn: Date | null,
  registry: Registry,
): FollowUpCommitmentDraft[] {
  const ranked = rankCommitments({ sentences, partyIds }, registry.commitments);
  return ranked.map(({ commitment, sentence: best, score, shared }) => {
    // The sentence to judge by: the best match when it carries a cue, else the closest one that does.
    const stemsOf = (text: string) => new Set(words(text).map(stem));
    const target = stemsOf(`${commitment.title} ${commitment.description ?? ''}`);
    const order = sentences
      .map((text, index) => ({ index, overlap: [...stemsOf(text)].filter((s) => target.has(s)).length }))
      .filter((entry) => entry.index === best || entry.overlap >= 1)
      .sort((a, b) =>
        a.index === best ? -1 : b.index === best ? 1 : b.overlap - a.overlap || a.index - b.index,
      );
    const judged = order
      .map((entry) => ({ entry, found: cueOf(sentences[entry.index]) }))
      .find((e) => e.found);
    const index = judged?.entry.index ?? best;
    const sentence = sentences[index];
    const date = dateInSentence(sentence, publishedOn);
    const observedOn =
      // Only a date before publication is news about the fact's date; the published day already applies.
      date && (!publishedOn || formatDay(date.day) < formatDay(publishedOn))
        ? {
            value: formatDay(date.day),
            precision: date.precision,
            why: { sentence, rule: 'date in the sentence', matched: date.matched },
          }
        : null;
    return {
      commitmentId: commitment.id,
      title: commitment.title,
      agreementTitle: commitment.agreementTitle,
      sentence,
      ...suggestion(commitment, judged?.found ?? null, sentence, shared),
      observedOn,
      score: Math.round(score * 1000) / 1000,
    };
  });
}

function suggestion(
  commitment: RegistryCommitment,
  found: { cue: Cue; matched: string } | null,
  sentence: string,
  shared: string[],
): Pick<FollowUpCommitmentDraft, 'status' | 'evidenceType' | 'updateKind' | 'why'> {
  const because = `shares ${shared.join(', ')}`;
  if (!found) {
    return {
      status: commitment.status,
      evidenceType: 'announcement',
      updateKind: 'corroboration',
      why: { sentence, rule: `no status cue; ${because}`, matched: '' },
    };
  }
  const { cue, matched } = found;
  const why = { sentence, rule: `${cue.rule}; ${because}`, matched };
  if (cue.status === 'unchanged') {
    return { status: commitment.status, evidenceType: cue.evidenceType, updateKind: 'assessment', why };
  }
  // A promise repeated about a commitment already under way says nothing new about its status.
  const pastPromise =
    cue.status === 'not_started' && !['no_evidence', 'not_started'].includes(commitment.status);
  const updateKind: UpdateKind = pastPromise ? 'corroboration' : 'assessment';
  return {
    status: pastPromise ? commitment.status : cue.status,
    evidenceType: cue.evidenceType,
    updateKind,
    why,
  };
}
