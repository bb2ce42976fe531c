// Reports and import, as users do them: a viewer filters the reports page and downloads both CSV files in
// Chromium (their rows are read back and compared with the database); an analyst uploads follow-ups, sees the
// bad row named in the preview with nothing written, fixes the file and imports it; a row naming someone else as
// its author is the analyst's on the commitment page, the file's claim shown only as "originally". Each test makes
// an agreement of its own (unique title), so it runs in any order on the one seeded database.
import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { restoreCell } from '../lib/csv/cells.ts';
import { COMMITMENT_COLUMNS, UPDATE_COLUMNS, type UpdateColumn } from '../lib/csv/columns.ts';
import { formatCsv } from '../lib/csv/stream.ts';
import { refreshStatusCache } from '../lib/data/status-cache.ts';
import type { PrismaClient } from '../lib/generated/prisma/client.ts';
import { expect, test } from './support/fixtures.ts';
import { pickOption } from './support/pickers.ts';
import { createUser, forgiveHttpErrors } from './support/users.ts';

const HOSTILE = '=HYPERLINK("http://x","y")';

// Downloads, uploads and sign-ins of fresh users: more than the default budget on a loaded two-core machine,
// setting up included.
test.slow();

function tag(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** An agreement of the test's own with two commitments on the seed parties; the first has two updates. */
async function createReportData(db: PrismaClient, authorId: string) {
  const label = tag();
  const [category, pakistan, china] = await Promise.all([
    db.category.findFirstOrThrow({ where: { archivedAt: null }, orderBy: { position: 'asc' } }),
    db.party.findFirstOrThrow({ where: { name: 'Pakistan', parentId: null } }),
    db.party.findFirstOrThrow({ where: { name: 'China', parentId: null } }),
  ]);
  const agreement = await db.agreement.create({
    data: {
      title: `Reports e2e ${label}`,
      kind: 'mou',
      concludedOn: new Date('2025-05-01T00:00:00Z'),
      concludedPrecision: 'month',
    },
  });
  const unit = await db.commitment.create({
    data: {
      agreementId: agreement.id,
      categoryId: category.id,
      title: `Protection unit ${label}`,
      parties: {
        create: [
          { partyId: pakistan.id, role: 'responsible' },
          { partyId: china.id, role: 'beneficiary' },
        ],
      },
    },
  });
  const hostile = await db.commitment.create({
    data: {
      agreementId: agreement.id,
      categoryId: category.id,
      title: `${HOSTILE} ${label}`,
      parties: { create: [{ partyId: china.id, role: 'responsible' }] },
    },
  });
  const outlet = await db.outlet.upsert({
    where: { name: 'Dawn' },
    update: {},
    create: { name: 'Dawn', defaultReliability: 'B' },
  });
  const evidence = await db.evidence.create({
    data: {
      url: `https://www.dawn.com/news/reports-${label}`,
      outletId: outlet.id,
      title: 'Unit set up',
      originalTitle: 'یونٹ قائم',
      language: 'ur',
      reliability: 'B',
      credibility: 2,
      type: 'concrete_action',
      publishedOn: new Date('2025-06-02T00:00:00Z'),
    },
  });
  await db.statusUpdate.createMany({
    data: [
      {
        commitmentId: unit.id,
        status: 'in_progress',
        evidenceId: evidence.id,
        observedOn: new Date('2025-06-02T00:00:00Z'),
        authorId,
        createdAt: new Date('2025-06-02T08:00:00Z'),
      },
      {
        commitmentId: unit.id,
        status: 'stalled',
        reason: '-no budget',
        observedOn: new Date('2025-06-09T00:00:00Z'),
        authorId,
        createdAt: new Date('2025-06-09T08:00:00Z'),
      },
    ],
  });
  await db.$transaction((tx) => refreshStatusCache(tx, [unit.id, hostile.id]));
  return { agreement, unit, hostile, label };
}

async function downloadCsv(
  page: Page,
  linkName: string,
): Promise<{ download: Download; rows: string[][]; text: string }> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: linkName }).click();
  const download = await downloading;
  const text = await readFile((await download.path())!, 'utf8');
  return { download, text, rows: parse(text, { bom: true }) as string[][] };
}

test.describe('as a viewer', () => {
  test.use({ signedInAs: 'viewer' });

  test('downloads both reports for an agreement and finds its rows in them', async ({ page, db, user }) => {
    const data = await createReportData(db, user!.id);
    await page.goto('/reports');
    await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
    // Viewers export; importing is for analysts.
    await expect(page.getByRole('link', { name: 'Import follow-ups' })).toHaveCount(0);

    // The agreement filter searches as one types (no page lists every agreement).
    await pickOption(
      page.getByRole('combobox', { name: 'Agreement' }),
      data.agreement.title,
      data.agreement.title,
    );
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(new RegExp(`agreement=${data.agreement.id}`));
    // The filtered page names the agreement in its filter again (loaded alone, by the id in the URL).
    await expect(page.getByRole('combobox', { name: 'Agreement' })).toHaveValue(data.agreement.title);
    await expect(page.getByTestId('report-counts')).toHaveText(
      '2 commitments and 2 status updates match these filters.',
    );

    const commitments = await downloadCsv(page, 'Download commitments.csv');
    expect(commitments.download.suggestedFilename()).toMatch(
      /^pactwatch-commitments_agreement-reports-e2e-[a-z0-9-]+_\d{4}-\d{2}-\d{2}\.csv$/,
    );
    expect(commitments.rows[0]).toEqual([...COMMITMENT_COLUMNS]);
    const byTitle = new Map(commitments.rows.slice(1).map((row) => [restoreCell(row[2]), row]));
    expect([...byTitle.keys()].sort()).toEqual([data.hostile.title, data.unit.title].sort());
    const unit = byTitle.get(data.unit.title)!;
    const column = (name: (typeof COMMITMENT_COLUMNS)[number]) => COMMITMENT_COLUMNS.indexOf(name);
    expect(unit[column('agreement_date')]).toBe('2025-05');
    expect(unit[column('status')]).toBe('stalled');
    expect(unit[column('status_since')]).toBe('2025-06-09');
    expect(unit[column('party_statuses')]).toBe('Pakistan: stalled');
    expect(unit[column('evidence_count')]).toBe('1');
    expect(unit[column('latest_evidence_reliability')]).toBe('B');
    expect(unit[column('dashboard_url')]).toMatch(new RegExp(`/commitments/${data.unit.id}$`));
    // The formula-like title is in the file as text.
    expect(byTitle.get(data.hostile.title)![column('commitment')]).toBe(`'${data.hostile.title}`);
    expect(byTitle.get(data.hostile.title)![column('status')]).toBe('no_evidence');

    const updates = await downloadCsv(page, 'Download updates.csv');
    expect(updates.download.suggestedFilename()).toMatch(/^pactwatch-updates_agreement-reports-e2e-/);
    expect(updates.rows[0]).toEqual([...UPDATE_COLUMNS]);
    const cell = (row: string[], name: UpdateColumn) => row[UPDATE_COLUMNS.indexOf(name)];
    expect(
      updates.rows
        .slice(1)
        .map((row) => [cell(row, 'observed_on'), cell(row, 'status'), cell(row, 'previous_status')]),
    ).toEqual([
      ['2025-06-02', 'in_progress', 'no_evidence'],
      ['2025-06-09', 'stalled', 'in_progress'],
    ]);
    expect(cell(updates.rows[1], 'original_title')).toBe('یونٹ قائم');
    expect(cell(updates.rows[2], 'reason')).toBe("'-no budget");
    expect(cell(updates.rows[1], 'author')).toBe(user!.name);

    // As of a day: the report as it stood then.
    await page.getByLabel('As of').fill('2025-06-05');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page.getByTestId('report-counts')).toHaveText(
      '2 commitments and 1 status update match these filters.',
    );
    const asOf = await downloadCsv(page, 'Download commitments.csv');
    expect(asOf.download.suggestedFilename()).toMatch(/_as-of-2025-06-05\.csv$/);
    const unitThen = asOf.rows.find((row) => restoreCell(row[2]) === data.unit.title)!;
    expect(unitThen[column('status')]).toBe('in_progress');
  });

  test('cannot open the import page', async ({ page, pageErrors }) => {
    const response = await page.goto('/reports/import');
    expect(response?.status()).toBe(403);
    forgiveHttpErrors(pageErrors, [403]);
  });
});

test.describe('as an analyst', () => {
  test('the import preview names a bad row and imports nothing until it is fixed', async ({
    page,
    db,
    user,
  }) => {
    const data = await createReportData(db, user!.id);
    const url = `https://www.dawn.com/news/import-${data.label}`;
    const rows = (status: string) =>
      [
        { observed_on: '2025-06-12', status: 'in_progress', reason: 'resumed' },
        { observed_on: '2025-06-13', status, reason: 'funding' },
        { observed_on: '2025-06-14', status: 'partially_fulfilled', reason: 'half done' },
      ].map((row) => ({
        ...row,
        agreement: data.agreement.title,
        commitment: data.unit.title,
        evidence_url: url,
        outlet: `Import outlet ${data.label}`,
        reliability: 'C',
        credibility: '3',
        evidence_type: 'announcement',
        language: 'en',
        title: 'Funding restored',
      }));
    const file = (status: string) => ({
      name: 'follow-ups.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        formatCsv(
          rows(status).map((row) =>
            UPDATE_COLUMNS.map((column) => (row as Record<string, string>)[column] ?? ''),
          ),
          UPDATE_COLUMNS,
          true,
        ),
      ),
    });
    const count = () => db.statusUpdate.count({ where: { commitmentId: data.unit.id } });
    expect(await count()).toBe(2);

    await page.goto('/reports');
    await page.getByRole('link', { name: 'Import follow-ups' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Import follow-ups' })).toBeVisible();

    await page.getByLabel('CSV file').setInputFiles(file('finished'));
    await page.getByRole('button', { name: 'Check file' }).click();
    const problems = page.getByRole('table', { name: 'Problems by row and column' });
    await expect(problems).toBeVisible();
    await expect(problems.getByRole('row')).toHaveCount(2);
    const problem = problems.getByRole('row').nth(1);
    await expect(problem.getByRole('rowheader')).toHaveText('3');
    await expect(problem).toContainText('status');
    await expect(problem).toContainText('“finished” is not a status');
    await expect(page.getByRole('button', { name: /^Import/ })).toHaveCount(0);
    expect(await count()).toBe(2);

    await page.getByLabel('CSV file').setInputFiles(file('stalled'));
    await expect(page.getByTestId('import-preview')).toHaveCount(0);
    await page.getByRole('button', { name: 'Check file' }).click();
    await expect(page.getByText('No problems')).toBeVisible();
    await expect(page.getByText(`New outlets: Import outlet ${data.label} (reliability C).`)).toBeVisible();
    expect(await count()).toBe(2);
    await page.getByRole('button', { name: 'Import 3 rows' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Imported 3 rows.' })).toBeVisible();
    expect(await count()).toBe(5);
    const unit = await db.commitment.findUniqueOrThrow({ where: { id: data.unit.id } });
    expect(unit.status).toBe('partially_fulfilled');

    // The same file again: nothing new.
    await page.getByRole('button', { name: 'Check again' }).click();
    await expect(page.getByText('3 rows already imported, will be skipped')).toBeVisible();
    await expect(page.getByRole('button', { name: /^Import/ })).toHaveCount(0);
    expect(await count()).toBe(5);
  });

  test('a row naming the admin as its author is logged by the analyst, the admin shown only as “originally”', async ({
    page,
    db,
    user,
  }) => {
    const data = await createReportData(db, user!.id);
    const admin = await createUser(db, 'admin');
    const row: Partial<Record<UpdateColumn, string>> = {
      observed_on: '2025-06-20',
      logged_at: '2024-01-01T00:00:00.000Z',
      author: admin.name,
      agreement: data.agreement.title,
      commitment: data.unit.title,
      status: 'in_progress',
      reason: `claimed ${data.label}`,
    };
    await page.goto('/reports/import');
    await page.getByLabel('CSV file').setInputFiles({
      name: 'copied.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        formatCsv([UPDATE_COLUMNS.map((column) => row[column] ?? '')], UPDATE_COLUMNS, true),
      ),
    });
    await page.getByRole('button', { name: 'Check file' }).click();
    await expect(page.getByText('No problems')).toBeVisible();
    await page.getByRole('button', { name: 'Import 1 row' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Imported 1 row.' })).toBeVisible();

    const update = await db.statusUpdate.findFirstOrThrow({
      where: { commitmentId: data.unit.id, reason: `claimed ${data.label}` },
    });
    expect(update).toMatchObject({ authorId: user!.id, originallyLoggedBy: admin.name });
    expect(Date.now() - update.createdAt.getTime()).toBeLessThan(10 * 60_000);

    await page.goto(`/commitments/${data.unit.id}`);
    const newest = page.getByRole('list', { name: 'Status history' }).getByRole('listitem').first();
    await expect(newest).toContainText(`claimed ${data.label}`);
    await expect(newest).toContainText(`by ${user!.name}`);
    await expect(newest).toContainText(`the file says originally logged 1 Jan 2024 by ${admin.name}`);
  });
});

test('anonymous visitors get no report', async ({ browser }) => {
  const context = await browser.newContext();
  const response = await context.request.get('/reports/updates.csv', { maxRedirects: 0 });
  expect(response.status()).toBeGreaterThanOrEqual(300);
  expect(response.status()).toBeLessThan(500);
  expect(response.headers()['content-type'] ?? '').not.toContain('text/csv');
  await context.close();
});
