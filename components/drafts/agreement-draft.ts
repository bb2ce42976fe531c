// A draft of an agreement (lib/draft) as the agreement form's values: what it prefills, and beside each field the
// sentence it came from. Plain data, so the page's client part can build it from the draft action's result.
import type { AgreementFormValues } from '@/lib/validation/agreement';
import type { AgreementDraft, DayProposal, PartyRef, Why } from '@/lib/draft/types';

/** The evidence item logged under the article's address: the agreement's source. */
export type LoggedSource = { id: number; url: string; title: string; outlet: string };

/** What the draft action (app/(app)/drafts/actions.ts) returns on success. */
export type ArticleDraftResult = { draft: AgreementDraft; logged: LoggedSource | null };

/** Why the draft proposes a field's value: the sentence and the rule that matched. */
export type DraftNote = { sentence: string; rule: string };

/** A commitment's responsible or beneficiary party: a party's id, or `new:<name>` for a new party row. */
export const NEW_PARTY_REF = 'new:';

/**
 * The form's commitment rows, sent as parallel lists in document order; each row's parties are ticked
 * checkboxes named `<field>.<row>[]` (the action reads `commitmentResponsible.2` as row 3's list).
 */
export const COMMITMENT_ROW_FIELDS = {
  title: 'commitmentTitle',
  description: 'commitmentDescription',
  categoryId: 'commitmentCategoryId',
  strength: 'commitmentStrength',
  sentence: 'commitmentSentence',
  rule: 'commitmentRule',
  responsible: 'commitmentResponsible',
  beneficiary: 'commitmentBeneficiary',
} as const;

/** The agreement form's values, with the rows a draft adds (new parties and people, commitments). */
export type AgreementFormRecord = AgreementFormValues & { [row: string]: unknown };

/** The parties a drafted commitment's rows can tick: those the article names, known or new. */
type PartyChoice = { value: string; label: string };

export type AgreementDraftView = {
  record: AgreementFormRecord;
  notes: Partial<Record<'title' | 'kind' | 'concluded' | 'place', DraftNote>>;
  /** By the value a row starts with: a party's or person's id, or a new one's name. */
  partyNotes: Record<string, DraftNote>;
  personNotes: Record<string, DraftNote>;
  partyChoices: PartyChoice[];
};

function note(why: Why): DraftNote {
  return { sentence: why.sentence, rule: why.rule };
}

function dayText(day: DayProposal): string {
  return day.precision === 'year'
    ? day.value.slice(0, 4)
    : day.precision === 'month'
      ? day.value.slice(0, 7)
      : day.value;
}

function refValue(ref: PartyRef): string {
  return ref.id === null ? `${NEW_PARTY_REF}${ref.name}` : String(ref.id);
}

/** The form's values from a draft, on top of a blank form (which keeps its other defaults). */
export function agreementDraftView(
  draft: AgreementDraft,
  blank: AgreementFormValues,
  loggedUrl: string | null,
): AgreementDraftView {
  const known = draft.parties.filter((party) => party.id !== null);
  const created = draft.parties.filter((party) => party.id === null);
  const people = draft.people.filter((person) => person.id !== null);
  const newPeople = draft.people.filter((person) => person.id === null);
  const { date, kind, place } = draft.agreement;
  const record: AgreementFormRecord = {
    ...blank,
    title: draft.title?.value ?? '',
    kind: kind?.value ?? blank.kind,
    concludedOn: date ? dayText(date) : '',
    concludedPrecision: date?.precision ?? 'unknown',
    place: place?.value ?? '',
    partyId: known.length ? known.map((party) => String(party.id)) : blank.partyId,
    partyRole: known.length ? known.map(() => 'signatory') : blank.partyRole,
    personId: people.map((person) => String(person.id)),
    personRole: people.map((person) => person.title ?? ''),
    // Sources are evidence already logged: an address not logged yet would be refused on saving.
    sourceUrl:
      loggedUrl && !blank.sourceUrl.includes(loggedUrl) ? [...blank.sourceUrl, loggedUrl] : blank.sourceUrl,
    newPartyName: created.map((party) => party.name),
    newPartyKind: created.map((party) => party.kind),
    newPartyParentId: created.map((party) => (party.parentId === null ? '' : String(party.parentId))),
    newPartyCountry: created.map((party) => party.countryCode ?? ''),
    newPartyRole: created.map(() => 'signatory'),
    newPersonName: newPeople.map((person) => person.name),
    newPersonTitle: newPeople.map((person) => person.title ?? ''),
    newPersonPartyId: newPeople.map((person) => (person.partyId === null ? '' : String(person.partyId))),
    newPersonRole: newPeople.map(() => ''),
    [COMMITMENT_ROW_FIELDS.title]: draft.commitments.map((commitment) => commitment.title),
    [COMMITMENT_ROW_FIELDS.description]: draft.commitments.map((commitment) => commitment.sentence),
    [COMMITMENT_ROW_FIELDS.categoryId]: draft.commitments.map((commitment) =>
      commitment.category ? String(commitment.category.id) : '',
    ),
    [COMMITMENT_ROW_FIELDS.strength]: draft.commitments.map((commitment) => commitment.strength),
    [COMMITMENT_ROW_FIELDS.sentence]: draft.commitments.map((commitment) => commitment.why.sentence),
    [COMMITMENT_ROW_FIELDS.rule]: draft.commitments.map((commitment) => commitment.why.rule),
    ...Object.fromEntries(
      draft.commitments.flatMap((commitment, row) => [
        [`${COMMITMENT_ROW_FIELDS.responsible}.${row}`, commitment.responsible.map(refValue)],
        [`${COMMITMENT_ROW_FIELDS.beneficiary}.${row}`, commitment.beneficiary.map(refValue)],
      ]),
    ),
  };
  const notes: AgreementDraftView['notes'] = {};
  if (draft.title) notes.title = note(draft.title.why);
  if (kind) notes.kind = note(kind.why);
  if (date) notes.concluded = note(date.why);
  if (place) notes.place = note(place.why);
  return {
    record,
    notes,
    partyNotes: Object.fromEntries(
      draft.parties.map((party) => [party.id === null ? party.name : String(party.id), note(party.why)]),
    ),
    personNotes: Object.fromEntries(
      draft.people.map((person) => [person.id === null ? person.name : String(person.id), note(person.why)]),
    ),
    partyChoices: draft.parties.map((party) => ({
      value: refValue(party),
      label: party.id === null ? `${party.name} (new)` : party.name,
    })),
  };
}
