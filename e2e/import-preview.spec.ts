// The import's dry run, as an analyst reads it before writing anything: not only counts, but a table of the rows
// the import will write (commitment, party, status, fact date, evidence, reason), a page at a time, without the
// rows it will skip. Its own agreement (unique title), so it runs in any order on the one seeded database.
import { UPDATE_COLUMNS, type UpdateColumn } from '../lib/csv/columns.ts';
import { formatCsv } from '../lib/csv/stream.ts';
import { expect, test } from './support/fixtures.ts';

test.slow();

function tag(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

type Row = Partial<Record<UpdateColumn, string>>;

function csvFile(rows: Row[]) {
  return {
    name: 'follow-ups.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      formatCsv(
        rows.map((row) => UPDATE_COLUMNS.map((column) => row[column] ?? '')),
        UPDATE_COLUMNS,
        true,
      ),
    ),
  };
}

test('the dry run lists the rows it will write, a page at a time', async ({ page, db }) => {
  const label = tag();
  const [category, pakistan, outlet] = await Promise.all([
    db.category.findFirstOrThrow({ where: { archivedAt: null }, orderBy: { position: 'asc' } }),
    db.party.findFirstOrThrow({ where: { name: 'Pakistan', parentId: null } }),
    db.outlet.upsert({
      where: { name: 'Dawn' },
      update: {},
      create: { name: 'Dawn', defaultReliability: 'B' },
    }),
  ]);
  const agreement = await db.agreement.create({ data: { title: `Import preview ${label}`, kind: 'mou' } });
  const commitment = await db.commitment.create({
    data: {
      agreementId: agreement.id,
      categoryId: category.id,
      title: `Training exchange ${label}`,
      parties: { create: [{ partyId: pakistan.id, role: 'responsible' }] },
    },
  });
  const logged = await db.evidence.create({
    data: {
      url: `https://www.dawn.com/news/preview-${label}`,
      outletId: outlet.id,
      title: 'Training begins',
      language: 'en',
      reliability: 'B',
      credibility: 2,
      type: 'concrete_action',
    },
  });

  const base = { agreement: agreement.title, commitment: commitment.title };
  const newUrl = `https://www.dawn.com/news/preview-new-${label}`;
  const rows: Row[] = [
    // Row 2: the party assessed, a new evidence item.
    {
      ...base,
      observed_on: '2025-06-03',
      party: 'Pakistan',
      status: 'in_progress',
      reason: 'first cohort arrived',
      evidence_url: newUrl,
      outlet: 'Dawn',
      credibility: '2',
      evidence_type: 'announcement',
      language: 'en',
      title: 'First cohort arrives',
    },
    // Row 3: the commitment as a whole, evidence already logged.
    {
      ...base,
      observed_on: '2025-06-10',
      status: 'stalled',
      reason: 'funding paused',
      evidence_url: logged.url,
    },
    // Row 4: row 3 again, skipped.
    {
      ...base,
      observed_on: '2025-06-10',
      status: 'stalled',
      reason: 'funding paused',
      evidence_url: logged.url,
    },
    // Rows 5–32: enough for a second page.
    ...Array.from({ length: 28 }, (_, index) => ({
      ...base,
      observed_on: `2025-07-${String(index + 1).padStart(2, '0')}`,
      status: 'in_progress',
      reason: `day ${index + 1} of training`,
    })),
  ];

  await page.goto('/reports/import');
  await page.getByLabel('CSV file').setInputFiles(csvFile(rows));
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.getByText('No problems')).toBeVisible();

  const table = page.getByRole('table', { name: 'Rows to import' });
  await expect(table).toBeVisible();
  await expect(table.getByRole('columnheader')).toHaveText([
    'Row',
    'Commitment',
    'Party',
    'Status',
    'Fact date',
    'Evidence',
    'Reason',
  ]);
  // 30 rows to write: 25 on the first page (and the header row).
  await expect(page.getByText(/Rows 1–25 of 30/)).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(26);

  const first = table.getByRole('row').nth(1);
  await expect(first.getByRole('rowheader')).toHaveText('2');
  await expect(first.getByRole('cell')).toHaveText([
    `${commitment.title}${agreement.title}`,
    'Pakistan',
    'In progress',
    '3 Jun 2025',
    new RegExp(`preview-new-${label}\\s*New$`),
    'first cohort arrived',
  ]);
  const second = table.getByRole('row').nth(2);
  await expect(second.getByRole('rowheader')).toHaveText('3');
  await expect(second.getByRole('cell')).toHaveText([
    `${commitment.title}${agreement.title}`,
    'Whole commitment',
    'Stalled',
    '10 Jun 2025',
    new RegExp(`preview-${label}$`),
    'funding paused',
  ]);
  // Row 4 repeats row 3: skipped, so not listed.
  await expect(table.getByRole('rowheader', { name: '4', exact: true })).toHaveCount(0);
  await expect(table.getByRole('row').nth(3).getByRole('rowheader')).toHaveText('5');

  await page.getByRole('button', { name: 'Next rows' }).click();
  await expect(page.getByText(/Rows 26–30 of 30/)).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(6);
  await expect(table.getByRole('row').last().getByRole('rowheader')).toHaveText('32');
  await expect(table.getByRole('row').last()).toContainText('28 Jul 2025');
  await expect(page.getByRole('button', { name: 'Next rows' })).toBeDisabled();
  await page.getByRole('button', { name: 'Previous rows' }).click();
  await expect(page.getByText(/Rows 1–25 of 30/)).toBeVisible();

  // Still nothing written.
  expect(await db.statusUpdate.count({ where: { commitmentId: commitment.id } })).toBe(0);
  await expect(page.getByRole('button', { name: 'Import 30 rows' })).toBeVisible();
});
