// The shapes of a draft: what the extractor proposes from an article, each proposal with the sentence it came from
// and the rule that matched, so the analyst can judge it. Nothing here is written to the database.
import type {
  AgreementKind,
  CommitmentStatus,
  CommitmentStrength,
  EvidenceType,
  PartyKind,
} from '../generated/prisma/enums.ts';
import type { DatePrecision } from '../domain/dates.ts';
import type { UpdateKind } from '../domain/status.ts';

export type DraftKind = 'agreement' | 'follow-up';

/** Why something is proposed: the sentence, the rule and the words it matched. */
export type Why = { sentence: string; rule: string; matched: string };

export type Proposal<T> = { value: T; why: Why };

/** A day as 'YYYY-MM-DD' with how much of it is known (a month: its first day, precision 'month'). */
export type DayProposal = Proposal<string> & { precision: Exclude<DatePrecision, 'unknown'> };

// ---- the registry the extractor matches against (lib/draft/registry.ts loads it) -----------------------------

export type RegistryParty = {
  id: number;
  name: string;
  shortName: string | null;
  kind: PartyKind;
  countryCode: string | null;
  parentId: number | null;
};
export type RegistryPerson = { id: number; name: string; title: string | null; partyId: number | null };
type RegistryOutlet = { id: number; name: string; website: string | null };
export type RegistryCategory = { id: number; slug: string; name: string };
export type RegistryCommitment = {
  id: number;
  title: string;
  description: string | null;
  agreementTitle: string;
  status: CommitmentStatus;
  partyIds: number[];
};

export type Registry = {
  parties: RegistryParty[];
  people: RegistryPerson[];
  outlets: RegistryOutlet[];
  categories: RegistryCategory[];
  /** The commitments a follow-up may bear on (lib/draft/rank.ts ranks them). */
  commitments: RegistryCommitment[];
};

// ---- the draft -----------------------------------------------------------------------------------------------

export type DraftInput = {
  /** The article as plain text (its first line taken as the title) … */
  text?: string;
  /** … or as an HTML page (Readability finds the article in it). */
  html?: string;
  /** Where the article lives: gives the outlet, and is returned for the form. */
  url?: string;
  kind: DraftKind;
  /** The day a year-less date in an undated article is read against (default: today). */
  now?: Date;
};

/** A party matched in the registry (`id`) or offered as new (`id` null, with what to create it with). */
export type DraftParty = {
  id: number | null;
  name: string;
  shortName: string | null;
  kind: PartyKind;
  countryCode: string | null;
  parentId: number | null;
  /** The parent's name, also for a parent that is itself new. */
  parentName: string | null;
  why: Why;
};

export type DraftPerson = {
  id: number | null;
  name: string;
  title: string | null;
  partyId: number | null;
  partyName: string | null;
  why: Why;
};

export type DraftOutlet = { id: number | null; name: string; website: string | null };

export type PartyRef = { id: number | null; name: string };

export type AgreementCommitmentDraft = {
  title: string;
  sentence: string;
  why: Why;
  strength: CommitmentStrength;
  category: { id: number; name: string; matched: string } | null;
  responsible: PartyRef[];
  beneficiary: PartyRef[];
};

export type FollowUpCommitmentDraft = {
  commitmentId: number;
  /** The commitment's own title (the one in the registry). */
  title: string;
  agreementTitle: string;
  sentence: string;
  why: Why;
  status: CommitmentStatus;
  evidenceType: EvidenceType;
  updateKind: UpdateKind;
  /** The fact date the sentence gives, when it gives one (a back-dated report); else the item's date applies. */
  observedOn: DayProposal | null;
  /** Higher is closer; only the order means anything. */
  score: number;
};

type DraftCommon = {
  url: string | null;
  outlet: (Proposal<DraftOutlet> & { isNew: boolean }) | null;
  title: Proposal<string> | null;
  publishedOn: DayProposal | null;
  language: Proposal<string> | null;
  excerpt: string;
  parties: DraftParty[];
  people: DraftPerson[];
};

export type AgreementDraft = DraftCommon & {
  kind: 'agreement';
  agreement: {
    kind: Proposal<AgreementKind> | null;
    date: DayProposal | null;
    place: Proposal<string> | null;
  };
  commitments: AgreementCommitmentDraft[];
};

export type FollowUpDraft = DraftCommon & {
  kind: 'follow-up';
  commitments: FollowUpCommitmentDraft[];
};

export type Draft = AgreementDraft | FollowUpDraft;
