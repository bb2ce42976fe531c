// Step 2 of the dry run (lib/csv/import-plan.ts): what the rows name (agreements, commitments, parties, outlets,
// evidence), looked up in one statement each for the whole file, and each row's evidence address made the one
// already logged for the same article.
import type { CommitmentStrength, EvidenceType, Reliability } from '../../generated/prisma/enums.ts';
import type { DatePrecision } from '../../domain/dates.ts';
import { urlIdentity } from '../../domain/url.ts';
import type { Queryable } from '../scope.ts';
import type { Draft } from './read-rows.ts';

export type CommitmentRow = {
  id: number;
  title: string;
  archived: boolean;
  strength: CommitmentStrength;
  concluded_on: Date | null;
  concluded_precision: DatePrecision;
  agreement_title: string;
  agreement_archived: boolean;
  responsible: number[];
};

export type EvidenceRow = {
  id: number;
  url: string;
  outlet: string;
  reliability: Reliability;
  credibility: number;
  type: EvidenceType;
  language: string;
  title: string;
  original_title: string | null;
};

/** What the rows name, as stored: each looked up once for the whole file. */
export type Lookups = {
  agreements: Map<string, { archived: boolean }[]>;
  commitments: Map<string, CommitmentRow[]>;
  parties: Map<string, { id: number; name: string }[]>;
  outlets: Map<string, { id: number; name: string; defaultReliability: Reliability; archived: boolean }>;
  evidence: Map<string, EvidenceRow>;
};

export const commitmentKey = (agreement: string, commitment: string) => `${agreement}\u0000${commitment}`;

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

export async function lookUp(client: Queryable, drafts: Draft[]): Promise<Lookups> {
  const unique = (values: (string | null)[]) => [
    ...new Set(values.filter((value): value is string => !!value)),
  ];
  const agreementTitles = unique(drafts.map((draft) => draft.agreement));
  const partyNames = unique(drafts.map((draft) => draft.party.toLowerCase()));
  const outletNames = unique(drafts.map((draft) => draft.evidence?.outlet?.toLowerCase() ?? null));
  const urls = unique(drafts.map((draft) => draft.url));
  const identities = unique(urls.map(urlIdentity));

  const [agreements, commitments, parties, outlets, evidence] = await Promise.all([
    client.$queryRaw<{ title: string; archived: boolean }[]>`
      SELECT btrim(title) AS title, "archivedAt" IS NOT NULL AS archived
        FROM "Agreement" WHERE btrim(title) = ANY(${agreementTitles}::text[])`,
    client.$queryRaw<CommitmentRow[]>`
      SELECT c.id, btrim(c.title) AS title, c."archivedAt" IS NOT NULL AS archived, c.strength::text AS strength,
             a."concludedOn" AS concluded_on, a."concludedPrecision"::text AS concluded_precision,
             btrim(a.title) AS agreement_title, a."archivedAt" IS NOT NULL AS agreement_archived,
             ARRAY(SELECT cp."partyId" FROM "CommitmentParty" cp
                    WHERE cp."commitmentId" = c.id AND cp.role = 'responsible') AS responsible
        FROM "Commitment" c JOIN "Agreement" a ON a.id = c."agreementId"
       WHERE btrim(a.title) = ANY(${agreementTitles}::text[])`,
    client.$queryRaw<{ id: number; name: string }[]>`
      SELECT id, name FROM "Party" WHERE lower(btrim(name)) = ANY(${partyNames}::text[])`,
    client.$queryRaw<{ id: number; name: string; default_reliability: Reliability; archived: boolean }[]>`
      SELECT id, name, "defaultReliability"::text AS default_reliability, "archivedAt" IS NOT NULL AS archived
        FROM "Outlet" WHERE lower(btrim(name)) = ANY(${outletNames}::text[])`,
    client.$queryRaw<EvidenceRow[]>`
      SELECT e.id, e.url, o.name AS outlet, e.reliability::text AS reliability, e.credibility::int AS credibility,
             e.type::text AS type, e.language, e.title, e."originalTitle" AS original_title
        FROM "Evidence" e JOIN "Outlet" o ON o.id = e."outletId"
       WHERE e."urlKey" = ANY(${identities}::text[])`,
  ]);
  return {
    agreements: groupBy(agreements, (row) => row.title),
    commitments: groupBy(commitments, (row) => commitmentKey(row.agreement_title, row.title)),
    parties: groupBy(parties, (row) => row.name.trim().toLowerCase()),
    outlets: new Map(
      outlets.map((row) => [
        row.name.trim().toLowerCase(),
        { id: row.id, name: row.name, defaultReliability: row.default_reliability, archived: row.archived },
      ]),
    ),
    evidence: new Map(evidence.map((row) => [row.url, row])),
  };
}

/**
 * One address per article (lib/domain/url.ts urlIdentity): a row citing another form of a logged item (its AMP
 * page, http for https, www.) cites the logged item's address; rows citing two forms of one new item cite the
 * first row's. Done before planning, so everything after compares plain addresses.
 */
export function canonicaliseUrls(drafts: Draft[], stored: Iterable<EvidenceRow>): void {
  const byIdentity = new Map<string, string>();
  for (const row of stored) byIdentity.set(urlIdentity(row.url), row.url);
  for (const draft of drafts) {
    if (!draft.url) continue;
    const identity = urlIdentity(draft.url);
    const known = byIdentity.get(identity);
    if (known) draft.url = known;
    else byIdentity.set(identity, draft.url);
  }
}
