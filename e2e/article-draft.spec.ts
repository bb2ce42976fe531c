// Issue [6/9]: "new agreement" started from an article — pasted, fetched by address, or already logged — prefills
// the form with the sentence behind each proposal; only "Create agreement" writes.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Locator, Page } from '@playwright/test';
import { SEED_ARTICLE_TEXT } from '../prisma/seed-article.ts';
import { expect, test } from './support/fixtures.ts';

const [HEADLINE, ...STORY] = SEED_ARTICLE_TEXT.trim().split(/\n+/);

function tag(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
}

/** The article as a small page, the way an outlet would serve it. */
function articlePage(): string {
  const paragraphs = STORY.map((paragraph) => `<p>${paragraph}</p>`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${HEADLINE}</title></head><body><article><h1>${HEADLINE}</h1>${paragraphs}</article></body></html>`;
}

/** A local web server for the article; counts the requests it answers. */
async function serveArticle() {
  const served = { requests: 0 };
  const server = http.createServer((_request, response) => {
    served.requests++;
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(articlePage());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    served,
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What each picker of a group shows: a searching picker its text, a select the option chosen. */
function chosen(group: Locator): Promise<string[]> {
  return group
    .getByRole('combobox')
    .evaluateAll((controls) =>
      controls.map((control) =>
        control instanceof HTMLSelectElement
          ? (control.selectedOptions[0]?.text ?? '')
          : (control as HTMLInputElement).value,
      ),
    );
}

function commitmentTitles(page: Page): Locator {
  return page.getByRole('group', { name: 'Commitments' }).getByLabel(/^Title of commitment \d+$/);
}

async function expectSeedDraft(page: Page) {
  // The draft names parties and people by id: the pickers look their labels up once the form shows.
  await expect
    .poll(() => chosen(page.getByRole('group', { name: 'Parties', exact: true })))
    .toEqual(
      expect.arrayContaining([
        'Pakistan',
        'China',
        expect.stringContaining("Pakistan's Ministry of Interior"),
        expect.stringContaining("China's Ministry of Public Security"),
      ]),
    );
  await expect
    .poll(() => chosen(page.getByRole('group', { name: 'People who spoke', exact: true })))
    .toEqual(
      expect.arrayContaining([
        expect.stringContaining('Mohsin Naqvi'),
        expect.stringContaining('Wang Xiaohong'),
      ]),
    );
  await expect(page.getByLabel('Place', { exact: true })).toHaveValue('Beijing');
  await expect(page.getByLabel('Place', { exact: true })).toHaveAccessibleDescription(
    /From the article: «Naqvi made the remarks during his meeting .* in Beijing\.»/,
  );
  expect(await commitmentTitles(page).count()).toBeGreaterThanOrEqual(7);
  const commitments = page.getByRole('group', { name: 'Commitments' });
  await expect(
    commitments
      .getByText(
        /From the article: «According to an official press release .*agreed to develop a joint rapid response system/,
      )
      .first(),
  ).toBeVisible();
  await expect(
    commitments
      .getByText(/From the article: «.*pledged to maintain a continuous exchange of information/)
      .first(),
  ).toBeVisible();
}

test('a pasted article drafts the agreement; a removed commitment is not saved, the others are', async ({
  page,
  db,
}) => {
  test.slow();
  const t = tag();
  await page.goto('/agreements/new');
  await page.getByLabel('Article text or HTML').fill(SEED_ARTICLE_TEXT);
  await page.getByRole('button', { name: 'Draft', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /commitments? proposed/ })).toBeVisible();
  await expectSeedDraft(page);
  expect(await db.agreement.count({ where: { title: { contains: HEADLINE } } })).toBe(0);

  // The analyst's review: a title of their own, no new people, one commitment fewer.
  const newPeople = page.getByRole('group', { name: 'New people' });
  while ((await newPeople.getByRole('button', { name: /^Remove new person/ }).count()) > 0)
    await newPeople
      .getByRole('button', { name: /^Remove new person/ })
      .first()
      .click();
  const title = `Naqvi–Wang security talks ${t}`;
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill(title);
  const before = await commitmentTitles(page).evaluateAll((inputs) =>
    inputs.map((input) => (input as HTMLInputElement).value),
  );
  const removed = before[before.length - 1];
  await page.getByRole('button', { name: `Remove commitment ${before.length}` }).click();
  await expect(commitmentTitles(page)).toHaveCount(before.length - 1);
  const kept = before.slice(0, -1);

  await page.getByRole('button', { name: 'Create agreement' }).click();
  await expect(page).toHaveURL(/\/agreements\/\d+$/);
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  for (const commitment of kept) await expect(page.getByText(commitment).first()).toBeVisible();

  const agreement = await db.agreement.findFirstOrThrow({
    where: { title },
    select: {
      place: true,
      kind: true,
      commitments: {
        select: { title: true, description: true, parties: { select: { role: true } } },
        orderBy: { id: 'asc' },
      },
    },
  });
  expect(agreement.place).toBe('Beijing');
  expect(agreement.kind).toBe('meeting_outcome');
  expect(agreement.commitments.map((commitment) => commitment.title)).toEqual(kept);
  expect(agreement.commitments.map((commitment) => commitment.title)).not.toContain(removed);
  for (const commitment of agreement.commitments) {
    expect(commitment.parties.some((party) => party.role === 'responsible')).toBe(true);
    // The sentence it came from, kept as its description.
    expect(commitment.description).toBeTruthy();
  }
  // The seed's commitments again under another agreement: archived, so the specs that search the shared database
  // for the seed's words ("NCCIA", "protection unit") still find the seed's own commitment first.
  await db.commitment.updateMany({ where: { agreement: { title } }, data: { archivedAt: new Date() } });
  await db.agreement.updateMany({ where: { title }, data: { archivedAt: new Date() } });
});

test('an address is fetched by the server, or refused when it is private, never with an error page', async ({
  page,
}) => {
  const server = await serveArticle();
  try {
    await page.goto('/agreements/new');
    const url = page.getByLabel('Article address (URL)');
    await url.fill(`${server.origin}/story`);
    await page.getByRole('button', { name: 'Draft', exact: true }).click();
    if (process.env.PACTWATCH_FETCH_ALLOW_PRIVATE) {
      await expect(page.getByRole('status').filter({ hasText: /commitments? proposed/ })).toBeVisible();
      await expectSeedDraft(page);
      expect(server.served.requests).toBe(1);
    } else {
      // The app runs without PACTWATCH_FETCH_ALLOW_PRIVATE: the fixture server is a loopback address.
      await expect(url).toHaveAccessibleDescription(/private, loopback or link-local address/);
      await expect(url).toHaveValue(`${server.origin}/story`);
      expect(server.served.requests).toBe(0);
    }
  } finally {
    await server.close();
  }
});

test('an address already logged is recognised before any fetch and becomes the source; "Clear draft" starts over', async ({
  page,
  db,
}) => {
  const t = tag();
  const server = await serveArticle();
  try {
    const outlet = await db.outlet.findFirstOrThrow({ select: { id: true } });
    const logged = await db.evidence.create({
      data: {
        url: `${server.origin}/logged-${t}`,
        outletId: outlet.id,
        title: `${HEADLINE} ${t}`,
        excerpt: STORY.join('\n\n'),
        language: 'en',
        reliability: 'B',
        credibility: 2,
        type: 'announcement',
      },
    });
    await page.goto('/agreements/new');
    await page.getByLabel('Article address (URL)').fill(logged.url);
    await page.getByRole('button', { name: 'Draft', exact: true }).click();
    await expect(
      page.getByRole('status').filter({ hasText: `logged already as “${logged.title}”` }),
    ).toBeVisible();
    expect(server.served.requests).toBe(0);
    await expect(page.getByLabel('Source 1 (web address)')).toHaveValue(logged.url);
    await expect(page.getByLabel('Place', { exact: true })).toHaveValue('Beijing');
    expect(await commitmentTitles(page).count()).toBeGreaterThanOrEqual(7);

    await page.getByRole('button', { name: 'Clear draft' }).click();
    await expect(page.getByRole('group', { name: 'Commitments' })).toHaveCount(0);
    await expect(page.getByLabel('Place', { exact: true })).toHaveValue('');
    await expect(page.getByLabel('Article address (URL)')).toHaveValue('');
  } finally {
    await server.close();
  }
});
