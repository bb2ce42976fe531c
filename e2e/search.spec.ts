// Search as an analyst uses it: a name finds the commitment with its agreement and status; a mistyped phrase still
// finds the protection unit; a Chinese pair finds an item whose Chinese title was written with plain SQL (the
// database keeps every record's words, whoever writes it); and a search that finds nothing says what to try.
import { STATUS_LABELS } from '../lib/domain/status.ts';
import { expect, test } from './support/fixtures.ts';

test('NCCIA finds the cybercrime commitment first, with its agreement and current status', async ({
  page,
  db,
}) => {
  await page.goto('/search?q=NCCIA');
  await expect(page.getByRole('heading', { level: 1, name: 'Search' })).toBeVisible();
  const commitments = page.getByRole('region', { name: 'Commitments' });
  const first = commitments.getByRole('listitem').first();
  const title = first.getByRole('link', { name: /^Cybercrime cooperation: .*NCCIA$/ });
  await expect(title.locator('mark', { hasText: 'NCCIA' })).toBeVisible();
  // The description's sentence that names it, marked too.
  await expect(first.getByRole('paragraph').locator('mark', { hasText: 'NCCIA' })).toBeVisible();
  // Its current status, whatever other specs have logged on the seed meanwhile (the seed says not started).
  const status = await db.commitment.findFirstOrThrow({
    where: { title: { startsWith: 'Cybercrime cooperation:' } },
    select: { status: true },
  });
  await expect(first.getByText(STATUS_LABELS[status.status], { exact: true })).toBeVisible();
  await expect(
    first.getByRole('link', { name: 'Naqvi–Wang Xiaohong meeting on security cooperation, Beijing' }),
  ).toBeVisible();
  // The party is found too, in its own group.
  await expect(page.getByRole('region', { name: 'Parties' })).toContainText(
    'National Cyber Crimes Investigation',
  );
});

test('a mistyped phrase still finds the protection unit, marked as a close match', async ({ page }) => {
  await page.goto('/search?q=protecton%20unit&kind=commitment');
  const hit = page
    .getByRole('region', { name: 'Commitments' })
    .getByRole('listitem')
    .filter({ hasText: 'Special protection unit for Chinese nationals in Islamabad' });
  await expect(hit).toBeVisible();
  await expect(hit.getByText('Close match')).toBeVisible();
});

test('a two-character Chinese query finds an item whose Chinese title was inserted with plain SQL', async ({
  page,
  db,
}) => {
  // Two Han characters chosen at random, so no other record holds this pair.
  const pair = Array.from({ length: 2 }, () =>
    String.fromCodePoint(0x4e00 + Math.floor(Math.random() * 0x5000)),
  ).join('');
  const outlet = await db.outlet.findFirstOrThrow({ where: { name: 'Dunya News' } });
  const title = `UAE and Rwanda sign an MoU ${Date.now()}`;
  await db.$executeRaw`
    INSERT INTO "Evidence" (url, "outletId", title, "originalTitle", language, reliability, credibility, type,
                            "updatedAt")
    VALUES (${`https://example.org/search-e2e/${Date.now()}`}, ${outlet.id}, ${title},
            ${`阿联酋与卢旺达签署反恐合作谅解备忘录${pair}`}, 'zh', 'B', 2, 'announcement', now())`;

  await page.goto(`/search?q=${encodeURIComponent(pair)}`);
  const evidence = page.getByRole('region', { name: 'Evidence' });
  const hit = evidence.getByRole('listitem').filter({ hasText: title });
  await expect(hit).toBeVisible();
  await expect(hit.locator('mark', { hasText: pair })).toBeVisible();
  await expect(hit.getByRole('link', { name: 'Dunya News' })).toBeVisible();

  // The search form keeps the query; a kind narrows the page to evidence.
  await expect(page.getByRole('searchbox', { name: 'Words in any language' })).toHaveValue(pair);
  await page
    .getByRole('navigation', { name: 'Kinds of result' })
    .getByRole('link', { name: /^Evidence/ })
    .click();
  await expect(page).toHaveURL(/kind=evidence/);
  await expect(hit).toBeVisible();
});

test('a search that finds nothing says so and what to try', async ({ page }) => {
  await page.goto('/search');
  const box = page.getByRole('searchbox', { name: 'Words in any language' });
  await box.fill('qqzxnothingmatches');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=qqzxnothingmatches$/);
  await expect(page.getByRole('heading', { name: 'Nothing found for “qqzxnothingmatches”' })).toBeVisible();
  await expect(page.getByText('try fewer words')).toBeVisible();
});
