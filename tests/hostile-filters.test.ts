// NUL characters in the filters of the lists, the evidence list and the CSV reports (issue 2, "hold up against a
// hostile probe"). PostgreSQL text cannot hold NUL, so one reaching a query fails it: `/commitments?q=%00` was a
// 500. The free-text searches drop NULs; every other parameter has a fixed shape a NUL never fits, so the lists drop
// it like any malformed value and the reports refuse it with a message (400).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl, testPrisma, unique } from './support/db.ts';

process.env.DATABASE_URL = testDatabaseUrl();

const { listAgreementsFiltered, listCommitmentsFiltered } = await import('../lib/data/lists.ts');
const { listEvidence } = await import('../lib/data/evidence.ts');
const { csvReportResponse } = await import('../lib/csv/response.ts');
const { parseReportParams, REPORT_PARAMS } = await import('../lib/csv/filters.ts');
const { parseAgreementListFilters, parseCommitmentListFilters } =
  await import('../lib/validation/filters.ts');
const { parseEvidenceListParams } = await import('../lib/validation/evidence-filters.ts');

const prisma = testPrisma();
const NUL = '\u0000';

/** Every parameter of the commitment and agreement lists, each holding only a NUL. */
const LIST_PARAMS = [
  'agreement',
  'party',
  'status',
  'category',
  'from',
  'to',
  'asOf',
  'q',
  'attention',
  'overdue',
  'sort',
  'dir',
  'page',
  'kind',
];
const EVIDENCE_PARAMS = ['q', 'outlet', 'type', 'language', 'from', 'to', 'page'];

let token: string;
let agreementId: number;

beforeAll(async () => {
  token = unique('nul').replace(/-/g, '');
  agreementId = (await prisma.agreement.create({ data: { title: `Pact ${token}`, kind: 'mou' } })).id;
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe('the list filters', () => {
  it('drop NULs from the text search, and a search of nothing but NULs is no search', () => {
    expect(parseCommitmentListFilters({ q: NUL }).q).toBeUndefined();
    expect(parseCommitmentListFilters({ q: ` ${NUL}${NUL} ` }).q).toBeUndefined();
    expect(parseCommitmentListFilters({ q: `wa${NUL}ter` }).q).toBe('water');
    expect(parseCommitmentListFilters({ q: [`${NUL}dam `, 'other'] }).q).toBe('dam');
    expect(parseAgreementListFilters({ q: `${NUL}Pact` }).q).toBe('Pact');
    expect(parseEvidenceListParams({ q: `ex${NUL}cerpt` }).q).toBe('excerpt');
    expect(parseEvidenceListParams({ q: NUL }).q).toBeUndefined();
  });

  it('drop any other parameter holding a NUL, as they drop any malformed value', () => {
    for (const param of LIST_PARAMS) {
      for (const value of [NUL, `1${NUL}`, `fulfilled${NUL}`, `2025-01-01${NUL}`]) {
        const commitments = parseCommitmentListFilters({ [param]: value });
        const agreements = parseAgreementListFilters({ [param]: value });
        for (const filters of [commitments, agreements]) {
          for (const parsed of Object.values(filters)) {
            expect(String(parsed), `${param}=${JSON.stringify(value)}`).not.toContain(NUL);
          }
        }
      }
    }
    expect(parseCommitmentListFilters({ status: `fulfilled${NUL}` }).status).toBeUndefined();
    expect(parseCommitmentListFilters({ agreement: `1${NUL}` }).agreement).toBeUndefined();
    expect(parseCommitmentListFilters({ asOf: `2025-01-01${NUL}` }).asOf).toBeUndefined();
    expect(parseCommitmentListFilters({ page: `2${NUL}` }).page).toBe(1);
    for (const param of EVIDENCE_PARAMS) {
      const filters = parseEvidenceListParams({ [param]: `en${NUL}` });
      for (const parsed of Object.values(filters)) expect(String(parsed), param).not.toContain(NUL);
    }
  });

  it('give queries PostgreSQL answers (a NUL reaching one fails it)', async () => {
    // Why any of this matters: the same search with the NUL left in is an error, not an empty list.
    await expect(listCommitmentsFiltered({ ...parseCommitmentListFilters({}), q: NUL })).rejects.toThrow();

    for (const param of LIST_PARAMS) {
      await listCommitmentsFiltered(parseCommitmentListFilters({ [param]: NUL }));
      await listAgreementsFiltered(parseAgreementListFilters({ [param]: NUL }));
    }
    for (const param of EVIDENCE_PARAMS) await listEvidence(parseEvidenceListParams({ [param]: NUL }));

    // A NUL inside the words is as if it were not typed.
    const found = await listAgreementsFiltered(parseAgreementListFilters({ q: `Pact ${NUL}${token}` }));
    expect(found.items.map((row) => row.id)).toEqual([agreementId]);
  });
});

describe('the CSV reports', () => {
  it('refuse a NUL in any parameter with a message', () => {
    for (const param of REPORT_PARAMS) {
      for (const value of [NUL, `1${NUL}`, `${NUL}2025-01-01`]) {
        const parsed = parseReportParams(new URLSearchParams({ [param]: value }));
        expect(parsed.ok, `${param}=${JSON.stringify(value)}`).toBe(false);
        if (!parsed.ok) expect(parsed.errors[param]).toMatch(/\w/);
      }
    }
  });

  it('answer 400 with the message to a request with a NUL, and ignore one in a parameter they do not take', async () => {
    for (const kind of ['commitments', 'updates'] as const) {
      for (const param of REPORT_PARAMS) {
        const response = await csvReportResponse(
          kind,
          new Request(`http://reports.test/reports/${kind}.csv?${param}=%00`),
          prisma,
        );
        expect(response.status, `${kind}.csv?${param}=%00`).toBe(400);
        const body = (await response.json()) as { message: string; errors: Record<string, string> };
        expect(body.message).toContain(`${param}:`);
        expect(Object.keys(body.errors)).toEqual([param]);
      }
      const ignored = await csvReportResponse(
        kind,
        new Request(`http://reports.test/reports/${kind}.csv?q=%00&agreement=${agreementId}`),
        prisma,
      );
      expect(ignored.status).toBe(200);
      await ignored.arrayBuffer();
    }
  });
});
