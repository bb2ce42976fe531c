// Records for the CSV tests: an agreement of its own (unique title), with parties, a category and commitments,
// so a report filtered by that agreement sees only what the test made, in a database other files share.
import type { Prisma, PrismaClient } from '../../lib/generated/prisma/client.ts';
import type {
  CommitmentStatus,
  DatePrecision,
  EvidenceType,
  Reliability,
} from '../../lib/generated/prisma/enums.ts';
import { UPDATE_COLUMNS, type UpdateColumn } from '../../lib/csv/columns.ts';
import { formatCsv } from '../../lib/csv/stream.ts';
import { normaliseUrl } from '../../lib/domain/url.ts';
import { unique } from './db.ts';

type Client = PrismaClient | Prisma.TransactionClient;

export type CsvFixtureSpec = {
  agreementTitle?: string;
  /** Party names; created when missing (names are unique per database). */
  parties?: string[];
  commitments: { title: string; responsible?: string[]; beneficiary?: string[]; dueOn?: Date | null }[];
  categoryName?: string;
};

export type CsvFixture = {
  agreement: { id: number; title: string };
  category: { id: number };
  parties: Map<string, number>;
  commitments: Map<string, number>;
};

/** Creates (or, for parties, finds) the records of `spec`. Run it on two databases to get the same structure. */
export async function createCsvFixture(client: Client, spec: CsvFixtureSpec): Promise<CsvFixture> {
  const categoryName = spec.categoryName ?? unique('CSV category');
  const category =
    (await client.category.findUnique({ where: { name: categoryName } })) ??
    (await client.category.create({ data: { name: categoryName, slug: unique('csv-category') } }));
  const agreement = await client.agreement.create({
    data: {
      title: spec.agreementTitle ?? unique('CSV agreement'),
      kind: 'joint_statement',
      concludedOn: new Date('2025-05-20T00:00:00Z'),
      concludedPrecision: 'day',
    },
  });
  const parties = new Map<string, number>();
  const names = new Set([
    ...(spec.parties ?? []),
    ...spec.commitments.flatMap((c) => [...(c.responsible ?? []), ...(c.beneficiary ?? [])]),
  ]);
  for (const name of names) {
    const party =
      (await client.party.findFirst({ where: { name, parentId: null } })) ??
      (await client.party.create({ data: { name, kind: 'state' } }));
    parties.set(name, party.id);
  }
  const commitments = new Map<string, number>();
  for (const spec_ of spec.commitments) {
    const commitment = await client.commitment.create({
      data: {
        agreementId: agreement.id,
        categoryId: category.id,
        title: spec_.title,
        dueOn: spec_.dueOn ?? null,
        parties: {
          create: [
            ...(spec_.responsible ?? []).map((name) => ({
              partyId: parties.get(name)!,
              role: 'responsible' as const,
            })),
            ...(spec_.beneficiary ?? []).map((name) => ({
              partyId: parties.get(name)!,
              role: 'beneficiary' as const,
            })),
          ],
        },
      },
    });
    commitments.set(spec_.title, commitment.id);
  }
  return {
    agreement: { id: agreement.id, title: agreement.title },
    category: { id: category.id },
    parties,
    commitments,
  };
}

export type EvidenceSpec = {
  url: string;
  outlet: string;
  title: string;
  originalTitle?: string | null;
  language?: string;
  reliability?: Reliability;
  credibility?: number;
  type?: EvidenceType;
  publishedOn?: Date | null;
};

export async function createEvidence(client: Client, spec: EvidenceSpec): Promise<number> {
  const outlet =
    (await client.outlet.findUnique({ where: { name: spec.outlet } })) ??
    (await client.outlet.create({
      data: { name: spec.outlet, defaultReliability: spec.reliability ?? 'B' },
    }));
  const evidence = await client.evidence.create({
    data: {
      // Stored normalised, as every write path of the app does.
      url: normaliseUrl(spec.url) ?? spec.url,
      outletId: outlet.id,
      title: spec.title,
      originalTitle: spec.originalTitle ?? null,
      language: spec.language ?? 'en',
      publishedOn: spec.publishedOn ?? null,
      reliability: spec.reliability ?? 'B',
      credibility: spec.credibility ?? 2,
      type: spec.type ?? 'announcement',
    },
  });
  return evidence.id;
}

export type UpdateSpec = {
  commitmentId: number;
  partyId?: number | null;
  status: CommitmentStatus;
  reason?: string | null;
  evidenceId?: number | null;
  observedOn: Date;
  /** Default: day. */
  observedPrecision?: DatePrecision;
  createdAt?: Date;
  authorId?: string | null;
};

/** Status updates written directly (with chosen logged times), then the status cache refreshed. */
export async function createUpdates(client: PrismaClient, updates: UpdateSpec[]): Promise<void> {
  const { refreshStatusCache } = await import('../../lib/data/status-cache.ts');
  await client.$transaction(async (tx) => {
    for (const update of updates) {
      await tx.statusUpdate.create({
        data: {
          commitmentId: update.commitmentId,
          partyId: update.partyId ?? null,
          status: update.status,
          reason: update.reason ?? null,
          evidenceId: update.evidenceId ?? null,
          observedOn: update.observedOn,
          observedPrecision: update.observedPrecision ?? 'day',
          authorId: update.authorId ?? null,
          ...(update.createdAt ? { createdAt: update.createdAt } : {}),
        },
      });
    }
    await refreshStatusCache(
      tx,
      updates.map((update) => update.commitmentId),
    );
  });
}

/** A CSV file in the updates.csv format; unspecified cells are empty. */
export function updatesCsv(rows: Partial<Record<UpdateColumn, string>>[]): string {
  return formatCsv(
    rows.map((row) => UPDATE_COLUMNS.map((column) => row[column] ?? '')),
    UPDATE_COLUMNS,
    true,
  );
}

export const day = (text: string) => new Date(`${text}T00:00:00Z`);
