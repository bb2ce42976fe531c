import 'server-only';
// The commitments of /api/v1/commitments: the commitment list's filters (lib/validation/filters.ts), its
// conditions and status expressions (lib/data/sql.ts commitmentScope, lib/data/attention.ts), read in id order a
// page at a time (lib/api/pagination.ts), with each responsible party's status as commitments.csv gives it.
import { db } from '../db.ts';
import { Prisma } from '../generated/prisma/client.ts';
import type { CommitmentStatus } from '../generated/prisma/enums.ts';
import type { AttentionFlag } from '../domain/attention.ts';
import { formatDay, today } from '../domain/dates.ts';
import { attentionSql, getCommitmentStates } from '../data/attention.ts';
import { statusAsOfSql } from '../data/compliance-sql.ts';
import { commitmentConditions } from '../data/lists.ts';
import { and, day, withPartyTree } from '../data/sql.ts';
import type { CommitmentListFilters } from '../validation/filters.ts';
import { takePage } from './pagination.ts';

export type ApiCommitment = {
  id: number;
  title: string;
  strength: string;
  /** Send it back with a PATCH: a change saved since then is a 409. */
  version: number;
  dueOn: string | null;
  agreement: { id: number; title: string };
  category: { id: number; name: string };
  status: CommitmentStatus;
  statusSince: string | null;
  lastEvidenceOn: string | null;
  flags: AttentionFlag[];
  parties: { id: number; name: string; role: string; status: CommitmentStatus | null }[];
};

function dayOrNull(value: Date | null): string | null {
  return value ? formatDay(value) : null;
}

export async function listApiCommitments(
  filters: CommitmentListFilters,
  page: { after: number | null; limit: number },
): Promise<{ asOf: string; items: ApiCommitment[]; more: boolean }> {
  const sql = attentionSql({ asOf: filters.asOf });
  const where = and([...commitmentConditions(filters, sql), Prisma.sql`c.id > ${page.after ?? 0}::int`]);
  const rows = await db.$queryRaw<{ id: number }[]>`
    ${withPartyTree(filters.party)}
    SELECT c.id FROM "Commitment" c ${sql.joins}
     WHERE ${where}
     ORDER BY c.id
     LIMIT ${page.limit + 1}`;
  const { items: ids, more } = takePage(
    rows.map((row) => row.id),
    page.limit,
  );
  return {
    asOf: formatDay(filters.asOf ?? today()),
    items: await getApiCommitments(ids, filters.asOf),
    more,
  };
}

/** The commitments with these ids (live or archived), in the order given; missing ids are left out. */
export async function getApiCommitments(ids: number[], asOf?: Date): Promise<ApiCommitment[]> {
  if (!ids.length) return [];
  const partyStatus = asOf
    ? Prisma.sql`${statusAsOfSql(Prisma.sql`cp."commitmentId"`, day(asOf), Prisma.sql`cp."partyId"`)}::text`
    : Prisma.sql`(SELECT ps.status::text FROM "CommitmentPartyStatus" ps
         WHERE ps."commitmentId" = cp."commitmentId" AND ps."partyId" = cp."partyId")`;
  const [details, states, parties] = await Promise.all([
    db.commitment.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        title: true,
        strength: true,
        version: true,
        dueOn: true,
        agreement: { select: { id: true, title: true } },
        category: { select: { id: true, name: true } },
      },
    }),
    getCommitmentStates(ids, { asOf }),
    db.$queryRaw<{ commitment_id: number; id: number; name: string; role: string; status: string | null }[]>`
      SELECT cp."commitmentId" AS commitment_id, p.id, p.name, cp.role::text AS role,
             CASE WHEN cp.role = 'responsible' THEN coalesce(${partyStatus}, 'no_evidence') END AS status
        FROM "CommitmentParty" cp JOIN "Party" p ON p.id = cp."partyId"
       WHERE cp."commitmentId" = ANY(${ids}::int[])
       ORDER BY cp.role, p.name COLLATE "C", p.id`,
  ]);
  const byId = new Map(details.map((row) => [row.id, row]));
  const partiesOf = new Map<number, ApiCommitment['parties']>();
  for (const { commitment_id, id, name, role, status } of parties) {
    const list = partiesOf.get(commitment_id) ?? [];
    list.push({ id, name, role, status: status as CommitmentStatus | null });
    partiesOf.set(commitment_id, list);
  }
  return ids.flatMap((id) => {
    const row = byId.get(id);
    const state = states.get(id);
    if (!row || !state) return [];
    return [
      {
        id: row.id,
        title: row.title,
        strength: row.strength,
        version: row.version,
        dueOn: dayOrNull(row.dueOn),
        agreement: row.agreement,
        category: row.category,
        status: state.status,
        statusSince: dayOrNull(state.since),
        lastEvidenceOn: dayOrNull(state.lastEvidenceOn),
        flags: state.flags,
        parties: partiesOf.get(id) ?? [],
      },
    ];
  });
}
