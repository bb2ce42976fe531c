// A draft of a follow-up (lib/draft) as the log-follow-up form's values: the news item and one row per commitment
// the article bears on, each with the sentence it came from. Plain data, so the form can apply it in the browser.
import type { CommitmentOption } from '@/lib/data/evidence';
import type { OutletOption } from '@/lib/data/outlets';
import type { DayProposal, FollowUpDraft } from '@/lib/draft/types';
import type { DraftNote, LoggedSource } from './agreement-draft';

/** What the draft action (app/(app)/drafts/actions.ts `draftFollowUp`) returns on success. */
export type FollowUpDraftResult = {
  draft: FollowUpDraft;
  logged: LoggedSource | null;
  /** The picker options of the proposed commitments (in the draft's order; an archived one left out). */
  commitments: CommitmentOption[];
  /** The registered outlet the address belongs to, if any. */
  outlet: OutletOption | null;
};

/** The news item's fields a draft fills (the form's names). */
type DraftedItem = {
  url: string;
  outlet: OutletOption | null;
  /** The new outlet's name when the address's outlet is not registered. */
  newOutletName: string;
  title: string;
  publishedOn: string;
  language: string;
  excerpt: string;
  type: string;
};

/** A proposed row: the commitment, what the sentence says of it, and the sentence. */
type DraftedRow = {
  commitmentId: string;
  status: string;
  evidenceType: string;
  observedOn: string;
  observedPrecision: string;
  reason: string;
  note: DraftNote;
};

export type FollowUpDraftView = {
  item: DraftedItem;
  itemNotes: Partial<Record<'title' | 'publishedOn' | 'language' | 'outlet', DraftNote>>;
  rows: DraftedRow[];
};

function dayText(day: DayProposal): string {
  return day.precision === 'year'
    ? day.value.slice(0, 4)
    : day.precision === 'month'
      ? day.value.slice(0, 7)
      : day.value;
}

export function followUpDraftView({
  draft,
  logged,
  commitments,
  outlet,
}: FollowUpDraftResult): FollowUpDraftView {
  const live = new Set(commitments.map((option) => option.id));
  const proposed = draft.commitments.filter((commitment) => live.has(commitment.commitmentId));
  const itemNotes: FollowUpDraftView['itemNotes'] = {};
  if (draft.title) itemNotes.title = { sentence: draft.title.why.sentence, rule: draft.title.why.rule };
  if (draft.publishedOn)
    itemNotes.publishedOn = { sentence: draft.publishedOn.why.sentence, rule: draft.publishedOn.why.rule };
  if (draft.language)
    itemNotes.language = { sentence: draft.language.why.sentence, rule: draft.language.why.rule };
  if (draft.outlet) itemNotes.outlet = { sentence: draft.outlet.why.sentence, rule: draft.outlet.why.rule };
  return {
    item: {
      url: logged?.url ?? draft.url ?? '',
      outlet,
      newOutletName: outlet ? '' : (draft.outlet?.value.name ?? ''),
      title: draft.title?.value ?? '',
      // The item's date field takes a day; a month or a year is left to the analyst.
      publishedOn: draft.publishedOn?.precision === 'day' ? draft.publishedOn.value : '',
      language: draft.language?.value ?? 'en',
      excerpt: draft.excerpt,
      // The item's type is what it shows of the closest commitment; each row says its own.
      type: proposed[0]?.evidenceType ?? '',
    },
    itemNotes,
    rows: proposed.map((commitment) => ({
      commitmentId: String(commitment.commitmentId),
      status: commitment.status,
      evidenceType: commitment.evidenceType,
      observedOn: commitment.observedOn ? dayText(commitment.observedOn) : '',
      observedPrecision: commitment.observedOn?.precision ?? '',
      reason: `«${commitment.sentence}»`,
      note: { sentence: commitment.why.sentence, rule: commitment.why.rule },
    })),
  };
}
