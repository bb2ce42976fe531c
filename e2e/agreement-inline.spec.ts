// Issue [3/9] item 12: new parties and people from inside the agreement form, and an agreement started from the
// item just logged (`/agreements/new?sourceEvidenceId=`).
import type { Locator } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { listboxOf } from './support/pickers.ts';

function tag(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
}

/** Types `name` into a party picker and picks the option whose first line is exactly that name. */
async function pickPartyIn(combobox: Locator, name: string): Promise<void> {
  await combobox.fill(name);
  const listbox = await listboxOf(combobox);
  await listbox
    .getByRole('option')
    .filter({ has: combobox.page().getByText(name, { exact: true }) })
    .first()
    .click();
  await expect(combobox).toHaveAttribute('aria-expanded', 'false');
}

test('a new party and a new person are created with the agreement; a clash in the parent is shown beside the name', async ({
  page,
  db,
}) => {
  test.slow();
  const t = tag();
  const rwanda = await db.party.create({ data: { name: `Rwanda ${t}`, kind: 'state', countryCode: 'RW' } });
  const uae = await db.party.create({ data: { name: `UAE ${t}`, kind: 'state', countryCode: 'AE' } });
  const kenya = await db.party.create({ data: { name: `Kenya ${t}`, kind: 'state', countryCode: 'KE' } });
  const ministry = `Ministry of Interior ${t}`;
  // Namesakes under two states: the pickers name each with its parent.
  await db.party.create({ data: { name: ministry, kind: 'ministry', parentId: uae.id } });
  await db.party.create({ data: { name: ministry, kind: 'ministry', parentId: kenya.id } });
  const title = `Rwanda–UAE security memorandum ${t}`;

  await page.goto('/agreements/new');
  await page.getByLabel('Title').fill(title);
  await pickPartyIn(page.getByRole('combobox', { name: 'Party 1', exact: true }), rwanda.name);
  // The namesakes are offered each with its parent; once picked, the parent is in the picker's text.
  const second = page.getByRole('combobox', { name: 'Party 2', exact: true });
  await second.fill(ministry);
  const offered = (await listboxOf(second)).getByRole('option');
  await expect(offered).toHaveCount(2);
  await expect(offered.filter({ hasText: `under ${uae.name}` })).toHaveCount(1);
  await offered.filter({ hasText: `under ${kenya.name}` }).click();
  await expect(second).toHaveValue(`${ministry} (${kenya.name})`);

  await page.getByRole('button', { name: 'Add a new party' }).click();
  await page.getByLabel('Name of new party 1').fill(ministry);
  const newParties = page.getByRole('group', { name: 'New parties' });
  await pickPartyIn(newParties.getByRole('combobox', { name: 'Part of' }), uae.name);
  await page.getByRole('button', { name: 'Create agreement' }).click();
  await expect(page.getByLabel('Name of new party 1')).toHaveAccessibleDescription(
    `A party named “${ministry}” already exists under “${uae.name}”.`,
  );
  await expect(page.getByLabel('Name of new party 1')).toHaveValue(ministry);
  expect(await db.agreement.count({ where: { title } })).toBe(0);

  // Under Rwanda it is new.
  await expect(newParties.getByRole('combobox', { name: 'Part of' })).toHaveValue(uae.name);
  await pickPartyIn(newParties.getByRole('combobox', { name: 'Part of' }), rwanda.name);
  await page.getByRole('button', { name: 'Add a new person' }).click();
  await page.getByLabel('Name of new person 1').fill(`Vincent Biruta ${t}`);
  await page.getByRole('group', { name: 'New people' }).getByLabel('Title').fill('Minister of Interior');
  await page.getByRole('button', { name: 'Create agreement' }).click();
  await expect(page).toHaveURL(/\/agreements\/\d+$/);

  const agreement = await db.agreement.findFirstOrThrow({
    where: { title },
    select: {
      parties: { select: { party: { select: { name: true, parentId: true } } } },
      people: { select: { person: { select: { name: true } } } },
    },
  });
  expect(agreement.parties.map((entry) => entry.party)).toEqual(
    expect.arrayContaining([
      { name: rwanda.name, parentId: null },
      { name: ministry, parentId: kenya.id },
      { name: ministry, parentId: rwanda.id },
    ]),
  );
  expect(agreement.people.map((entry) => entry.person.name)).toEqual([`Vincent Biruta ${t}`]);
});

test('an agreement started from a logged item has it as its source and its day as the date', async ({
  page,
  db,
}) => {
  const t = tag();
  const outlet = await db.outlet.create({ data: { name: `Merge outlet ${t}`, defaultReliability: 'C' } });
  const evidence = await db.evidence.create({
    data: {
      url: `https://example.org/e2e/agreement-${t}`,
      outletId: outlet.id,
      title: `Ministers sign security pact ${t}`,
      language: 'en',
      publishedOn: new Date('2026-03-05T00:00:00Z'),
      reliability: 'C',
      credibility: 3,
      type: 'concrete_action',
    },
  });
  await page.goto(`/agreements/new?sourceEvidenceId=${evidence.id}`);
  await expect(
    page.getByRole('status').filter({ hasText: `Ministers sign security pact ${t}` }),
  ).toBeVisible();
  await expect(page.getByLabel('Source 1 (web address)')).toHaveValue(evidence.url);
  await expect(page.getByLabel('Concluded on')).toHaveValue('2026-03-05');
  await expect(page.getByLabel('Precision of the date')).toHaveValue('day');
});
