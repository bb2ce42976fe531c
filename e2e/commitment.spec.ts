// A commitment's page: current status, the follow-up log newest news first, and the evidence behind it with
// its Admiralty grade. The second test makes a commitment of its own so the history has something to order.
import { appendStatusUpdates } from '../lib/data/status-updates.ts';
import { parseDay } from '../lib/domain/dates.ts';
import { expect, test } from './support/fixtures.ts';
import { overviewPageOf } from './support/overview.ts';

test('the seed protection unit shows its evidence with Admiralty grade and its status history', async ({
  page,
  db,
}) => {
  await page.goto(await overviewPageOf(db, 'special protection unit'));
  await page
    .getByRole('link', { name: /special protection unit for chinese nationals in islamabad/i })
    .click();

  await expect(page.getByRole('heading', { level: 1, name: /special protection unit/i })).toBeVisible();
  await expect(page.getByText(/Current status:\s*In progress\s*since \d{1,2} \w{3} \d{4}/)).toBeVisible();

  // History: one follow-up, citing the article.
  const history = page.getByRole('list', { name: 'Status history' });
  await expect(history.getByRole('listitem')).toHaveCount(1);
  const entry = history.getByRole('listitem').first();
  await expect(entry).toContainText('In progress');
  await expect(entry).toContainText('The commitment as a whole');
  await expect(entry).toContainText('being established');

  // Evidence: the Dunya News article, graded B2, with the grade explained on hover and to screen readers.
  const evidence = page.getByRole('list', { name: 'Evidence' });
  const article = evidence.getByRole('article', {
    name: /special protection unit for chinese nationals, says mohsin naqvi/i,
  });
  await expect(article).toBeVisible();
  const grade = article.getByTitle(/Source B \(usually reliable\), information 2 \(probably true\)/);
  await expect(grade).toHaveText(/B2/);
  await expect(grade).toHaveAttribute('title', /reliability A .+ to F .+credibility 1 .+ to 6/);
  await expect(article).toContainText('Dunya News');
  await expect(article).toContainText('Announcement');
  await expect(article).toContainText('Undated');
  await expect(article).toContainText('English');

  // The excerpt is folded away until asked for.
  const excerpt = article.getByText(/Mohsin Naqvi on Wednesday announced/);
  await expect(excerpt).toBeHidden();
  await article.getByText('Show excerpt').click();
  await expect(excerpt).toBeVisible();

  // The history's evidence link jumps to the item in the list.
  await entry
    .getByRole('link', { name: /special protection unit for chinese nationals, says mohsin naqvi/i })
    .click();
  await expect(page).toHaveURL(/#evidence-\d+$/);
});

test('history is ordered by the day the fact held, not by logging order, and the reciprocal is linked', async ({
  page,
  db,
}) => {
  const suffix = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  const category = await db.category.findFirstOrThrow({
    where: { archivedAt: null },
    orderBy: { position: 'asc' },
  });
  const [pakistan, china] = await Promise.all(
    ['Pakistan', 'China'].map((name) => db.party.findFirstOrThrow({ where: { name, parentId: null } })),
  );
  const outlet = await db.outlet.create({ data: { name: `E2E outlet ${suffix}`, defaultReliability: 'D' } });
  const agreement = await db.agreement.create({
    data: {
      title: `E2E agreement ${suffix}`,
      kind: 'mou',
      concludedOn: parseDay('2026-03-01'),
      concludedPrecision: 'month',
    },
  });
  const first = await db.commitment.create({
    data: {
      agreementId: agreement.id,
      categoryId: category.id,
      title: `E2E training exchange ${suffix}`,
      dueOn: parseDay('2026-12-31'),
      parties: {
        create: [
          { partyId: pakistan.id, role: 'responsible' },
          { partyId: china.id, role: 'beneficiary' },
        ],
      },
    },
  });
  const second = await db.commitment.create({
    data: {
      agreementId: agreement.id,
      categoryId: category.id,
      title: `E2E return visit ${suffix}`,
      reciprocalOfId: first.id,
    },
  });
  const evidence = await db.evidence.create({
    data: {
      url: `https://example.org/e2e/${suffix}`,
      outletId: outlet.id,
      title: `First cohort trained ${suffix}`,
      originalTitle: 'پہلا دستہ تربیت یافتہ',
      language: 'ur',
      publishedOn: parseDay('2026-09-14'),
      excerpt: 'Forty officers completed the course.',
      reliability: 'D',
      credibility: 3,
      type: 'concrete_action',
    },
  });
  // The newer news is logged first; the back-dated item logged afterwards must not become current.
  await db.$transaction((tx) =>
    appendStatusUpdates(tx, null, [
      {
        commitmentId: first.id,
        partyId: pakistan.id,
        status: 'partially_fulfilled',
        observedOn: parseDay('2026-09-14'),
        evidenceId: evidence.id,
      },
    ]),
  );
  await db.$transaction((tx) =>
    appendStatusUpdates(tx, null, [
      {
        commitmentId: first.id,
        status: 'stalled',
        reason: 'No course dates announced',
        observedOn: parseDay('2026-05-02'),
      },
    ]),
  );

  await page.goto(`/commitments/${first.id}`);
  await expect(page.getByRole('heading', { level: 1, name: first.title })).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(`${first.title} · Pactwatch`));

  const history = page.getByRole('list', { name: 'Status history' });
  const entries = history.getByRole('listitem');
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toContainText('14 Sep 2026');
  await expect(entries.nth(0)).toContainText('Partially fulfilled');
  await expect(entries.nth(0)).toContainText('Pakistan');
  await expect(entries.nth(1)).toContainText('2 May 2026');
  await expect(entries.nth(1)).toContainText('Stalled');
  await expect(entries.nth(1)).toContainText('No course dates announced');
  await expect(entries.nth(1)).toContainText('None cited');

  // Current status: the latest news, since the day it held.
  const details = page.getByRole('region', { name: 'Details' });
  await expect(page.getByText(/Current status:\s*Partially fulfilled\s*since 14 Sep 2026/)).toBeVisible();
  await expect(details).toContainText('31 Dec 2026');

  const item = page.getByRole('list', { name: 'Evidence' }).getByRole('article', { name: evidence.title });
  await expect(
    item.getByTitle(/Source D \(not usually reliable\), information 3 \(possibly true\)/),
  ).toHaveText(/D3/);
  await expect(item).toContainText('Concrete action');
  await expect(item).toContainText('Urdu');
  await expect(item).toContainText('Published 14 Sep 2026');
  await expect(item.getByRole('link', { name: 'Read the source on example.org' })).toHaveAttribute(
    'href',
    evidence.url,
  );

  // The reciprocal commitment links both ways.
  await details.getByRole('link', { name: second.title }).click();
  await expect(page.getByRole('heading', { level: 1, name: second.title })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Status history' })).toHaveCount(0);
  await expect(page.getByText('No follow-ups yet')).toBeVisible();
  await page.getByRole('region', { name: 'Details' }).getByRole('link', { name: first.title }).click();
  await expect(page.getByRole('heading', { level: 1, name: first.title })).toBeVisible();
});

test('a commitment or agreement that does not exist is a 404 inside the app shell', async ({ page }) => {
  for (const path of ['/commitments/2147483000', '/commitments/not-a-number', '/agreements/2147483000']) {
    // Through the page's own request context (its cookies), since a browser navigation to a 404 logs a console error.
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(404);
    expect(await response.text(), path).toContain('There is no record at this address');
  }
});
