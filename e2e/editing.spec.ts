// "Edit everything", as a new analyst meets it: entering a bilateral agreement from an article the seed knows
// nothing about — its two parties, a person who spoke, the agreement with a month-precision date, then two
// commitments — and finding it listed and on its page. Then: refused input keeps what was typed, the repeated
// rows work from the keyboard, archiving is reversible, and a viewer sees no edit controls and cannot open a form.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { listboxOf, pickOption, pickParty } from './support/pickers.ts';
import { forgiveHttpErrors } from './support/users.ts';

// The shared fixtures sign each test's browser in as a fresh analyst (`user`) unless told otherwise.

function tag(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
}

/** The searching picker of an agreement's party or person row ("Party 2", "Person 1"). */
function rowPicker(page: Page, row: string): Locator {
  return page.getByRole('combobox', { name: row, exact: true });
}

/** Types `name` into a row's picker and picks the option whose first line is exactly that name. */
async function pickInRow(page: Page, row: string, name: string, typed = name): Promise<void> {
  const combobox = rowPicker(page, row);
  await combobox.fill(typed);
  const listbox = await listboxOf(combobox);
  await listbox
    .getByRole('option')
    .filter({ has: page.getByText(name, { exact: true }) })
    .first()
    .click();
  await expect(combobox).toHaveAttribute('aria-expanded', 'false');
}

async function createParty(page: Page, party: { name: string; country: string; kind?: string }) {
  await page.goto('/parties/new');
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(party.name);
  await page.getByLabel('Kind').selectOption({ label: party.kind ?? 'State' });
  await page.getByLabel('Country').selectOption({ label: party.country });
  await page.getByRole('button', { name: 'Create party' }).click();
  await expect(page).toHaveURL(/\/parties\/\d+$/);
}

test('an analyst enters a new bilateral agreement with its parties and two commitments', async ({
  page,
  db,
  user,
}) => {
  test.slow(); // about ten pages, two browsers' worth of work
  const t = tag();
  const turkey = `Türkiye ${t}`;
  const azerbaijan = `Azerbaijan ${t}`;
  const title = `Turkey–Azerbaijan defence cooperation memorandum ${t}`;

  await createParty(page, { name: turkey, country: 'Türkiye (TR)' });
  await createParty(page, { name: azerbaijan, country: 'Azerbaijan (AZ)' });

  // A person who spoke, from the people screen.
  await page.goto('/people');
  const newPerson = page.getByRole('region', { name: 'Add a person' });
  await newPerson.getByRole('textbox', { name: 'Name', exact: true }).fill(`Yaşar Güler ${t}`);
  await newPerson.getByLabel('Title').fill('Minister of National Defence');
  await pickOption(newPerson.getByRole('combobox', { name: 'Speaks for' }), turkey, turkey);
  await newPerson.getByRole('button', { name: 'Add person' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Added Yaşar Güler ${t}.` })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: `Yaşar Güler ${t}` })).toBeVisible();

  // The agreement.
  await page.goto('/agreements/new');
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Kind').selectOption({ label: 'Memorandum of understanding' });
  await page.getByLabel('Concluded on').fill('2025-09');
  // Typing a month says "known to the month" by itself.
  await expect(page.getByLabel('Precision of the date')).toHaveValue('month');
  await page.getByLabel('Place').fill('Baku');
  await page
    .getByLabel('Summary')
    .fill('The defence ministers signed a memorandum on joint exercises and defence-industry cooperation.');
  await pickInRow(page, 'Party 1', turkey);
  await pickInRow(page, 'Party 2', azerbaijan);
  await page.getByLabel('Role of party 2').selectOption({ label: 'Host' });
  await page.getByRole('button', { name: 'Add a person' }).click();
  // Found by the party they speak for as well as by their name; named with their title and party once picked.
  await pickInRow(page, 'Person 1', `Yaşar Güler ${t}`, turkey);
  await expect(rowPicker(page, 'Person 1')).toHaveValue(
    `Yaşar Güler ${t} — Minister of National Defence, ${turkey}`,
  );
  await page.getByLabel('Role of person 1').fill('Türkiye’s defence minister (visiting)');
  await page.getByRole('button', { name: 'Create agreement' }).click();

  await expect(page).toHaveURL(/\/agreements\/\d+$/);
  const agreementId = Number(new URL(page.url()).pathname.split('/').pop());
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('Sep 2025')).toBeVisible();
  const parties = page.getByRole('list', { name: 'Parties' });
  await expect(parties.getByRole('listitem').filter({ hasText: turkey })).toContainText('Signatory');
  await expect(parties.getByRole('listitem').filter({ hasText: azerbaijan })).toContainText('Host');
  await expect(page.getByRole('list', { name: 'People' })).toContainText(
    'Türkiye’s defence minister (visiting)',
  );

  // Its first commitment, from the empty state; then "add and start another".
  await expect(page.getByRole('heading', { name: 'No commitments yet — add the first' })).toBeVisible();
  await page.getByRole('link', { name: 'Add the first commitment' }).click();
  await expect(page).toHaveURL(new RegExp(`/commitments/new\\?agreement=${agreementId}$`));
  await expect(page.locator('input[name="agreementId"]')).toHaveValue(String(agreementId));
  await page.getByLabel('Title').fill(`Joint military exercises in 2026 ${t}`);
  await page.getByLabel('Description').fill('The two armed forces will hold joint exercises during 2026.');
  await page.getByLabel('Category').selectOption({ label: 'Training exchange' });
  await pickParty(page, 'Responsible parties', turkey);
  await pickParty(page, 'Responsible parties', azerbaijan);
  await pickParty(page, 'Beneficiary parties', azerbaijan);
  await page.getByLabel('Due date').fill('2026-12-31');
  await page.getByRole('button', { name: 'Add and start another' }).click();

  await expect(
    page.getByRole('status').filter({ hasText: `Added “Joint military exercises in 2026 ${t}”` }),
  ).toBeVisible();
  await expect(page.locator('input[name="agreementId"]')).toHaveValue(String(agreementId));
  await expect(page.getByLabel('Title')).toHaveValue('');
  await page.getByLabel('Title').fill(`Defence-industry cooperation on drones ${t}`);
  await page.getByLabel('Category').selectOption({ label: 'Other' });
  await pickParty(page, 'Responsible parties', turkey);
  await pickParty(page, 'Beneficiary parties', azerbaijan);
  await page.getByRole('button', { name: 'Add commitment', exact: true }).click();

  // Back on the agreement: both commitments, each with its status (no evidence yet).
  await expect(page).toHaveURL(new RegExp(`/agreements/${agreementId}$`));
  const commitments = page.getByRole('table', { name: /commitments of this agreement/i });
  await expect(
    commitments.getByRole('link', { name: `Joint military exercises in 2026 ${t}` }),
  ).toBeVisible();
  await expect(
    commitments.getByRole('link', { name: `Defence-industry cooperation on drones ${t}` }),
  ).toBeVisible();
  await expect(page.getByText('2 commitments', { exact: true })).toBeVisible();

  // Listed among the agreements.
  await page.goto('/agreements');
  await expect(page.getByRole('link', { name: title }).first()).toBeVisible();

  // What was stored, and who is on record for it.
  const stored = await db.agreement.findUniqueOrThrow({
    where: { id: agreementId },
    select: {
      concludedOn: true,
      concludedPrecision: true,
      parties: { select: { role: true, party: { select: { name: true, countryCode: true } } } },
      commitments: {
        select: {
          title: true,
          dueOn: true,
          parties: { select: { role: true, party: { select: { name: true } } } },
        },
        orderBy: { id: 'asc' },
      },
    },
  });
  expect(stored.concludedOn?.toISOString().slice(0, 10)).toBe('2025-09-01');
  expect(stored.concludedPrecision).toBe('month');
  expect(stored.parties).toEqual(
    expect.arrayContaining([
      { role: 'signatory', party: { name: turkey, countryCode: 'TR' } },
      { role: 'host', party: { name: azerbaijan, countryCode: 'AZ' } },
    ]),
  );
  expect(stored.commitments[0].dueOn?.toISOString().slice(0, 10)).toBe('2026-12-31');
  expect(stored.commitments[0].parties).toHaveLength(3);
  expect(
    await db.auditEvent.count({
      where: { actorId: user!.id, entityType: { in: ['Agreement', 'Commitment', 'Party', 'Person'] } },
    }),
  ).toBe(6);
});

test('refused input shows errors beside the fields, keeps what was typed and saves nothing', async ({
  page,
  db,
}) => {
  const before = await db.agreement.count();
  const party = await db.party.findFirstOrThrow({ where: { name: 'Pakistan' } });
  await page.goto('/agreements/new');
  await page.getByLabel('Place').fill('Ankara');
  await page.getByLabel('Concluded on').fill('3000-01-01');
  await page.getByLabel('Summary').fill('Kept after the refusal.');
  await pickInRow(page, 'Party 1', party.name);
  await pickInRow(page, 'Party 2', party.name, `#${party.id}`);
  await page.getByRole('button', { name: 'Create agreement' }).click();

  await expect(page.getByRole('alert').filter({ hasText: 'Check the highlighted fields.' })).toBeVisible();
  await expect(page.getByLabel('Title')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Enter the agreement’s title.')).toBeVisible();
  await expect(page.getByLabel('Concluded on')).toHaveAccessibleDescription(
    /Use a year between 1800 and 2100\./,
  );
  await expect(page.getByText('A party is listed twice: list each party once.')).toBeVisible();
  // Focus moves to the first field that needs attention.
  await expect(page.getByLabel('Title')).toBeFocused();
  // What was typed and picked is still there.
  await expect(page.getByLabel('Summary')).toHaveValue('Kept after the refusal.');
  await expect(page.getByLabel('Place')).toHaveValue('Ankara');
  await expect(page.getByLabel('Concluded on')).toHaveValue('3000-01-01');
  await expect(rowPicker(page, 'Party 1')).toHaveValue(party.name);
  await expect(rowPicker(page, 'Party 2')).toHaveValue(party.name);
  const partyIds = page.getByRole('group', { name: 'Parties', exact: true }).locator('input[name="partyId"]');
  await expect(partyIds).toHaveCount(2);
  for (const input of await partyIds.all()) await expect(input).toHaveValue(String(party.id));
  expect(await db.agreement.count()).toBe(before);

  // A commitment needs a responsible party, and a real due date.
  const agreement = await db.agreement.findFirstOrThrow({ where: { archivedAt: null } });
  const commitmentsBefore = await db.commitment.count();
  await page.goto(`/commitments/new?agreement=${agreement.id}`);
  await page.getByLabel('Title').fill('Kept title');
  await page.getByLabel('Category').selectOption({ index: 1 });
  await page.getByLabel('Due date').fill('3000-01-01');
  await page.getByRole('button', { name: 'Add commitment', exact: true }).click();
  await expect(page.getByText('Choose at least one responsible party', { exact: false })).toBeVisible();
  await expect(page.getByText('Use a year between 1800 and 2100.')).toBeVisible();
  await expect(page.getByLabel('Title')).toHaveValue('Kept title');
  expect(await db.commitment.count()).toBe(commitmentsBefore);
});

test('the repeated rows and the form work from the keyboard alone', async ({ page }) => {
  await page.goto('/agreements/new');
  // Keyboard handling needs the page's scripts running, not just its HTML.
  await page.waitForLoadState('networkidle');
  const add = page.getByRole('button', { name: 'Add a party' });
  await add.focus();
  await page.keyboard.press('Enter');
  // The new (third) row's party picker takes the focus; its remove button is reachable and labelled.
  await expect(rowPicker(page, 'Party 3')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Role of party 3')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Remove party 3' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(rowPicker(page, 'Party 3')).toHaveCount(0);
  await expect(add).toBeFocused();

  // A whole form by keyboard: the people screen's.
  await page.goto('/people');
  await page.waitForLoadState('networkidle');
  const name = `Keyboard ${tag()}`;
  await page
    .getByRole('region', { name: 'Add a person' })
    .getByRole('textbox', { name: 'Name', exact: true })
    .focus();
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: `Added ${name}.` })).toBeVisible();
});

test('an agreement is archived with its commitments and comes back with them', async ({ page, db }) => {
  const t = tag();
  const category = await db.category.findFirstOrThrow({ where: { archivedAt: null } });
  const party = await db.party.findFirstOrThrow({ where: { name: 'China' } });
  const agreement = await db.agreement.create({
    data: {
      title: `Archivable agreement ${t}`,
      kind: 'joint_statement',
      commitments: {
        create: {
          title: `Archivable commitment ${t}`,
          categoryId: category.id,
          parties: { create: { partyId: party.id, role: 'responsible' } },
        },
      },
    },
  });
  await page.goto(`/agreements/${agreement.id}`);
  await page.getByRole('button', { name: `Archive agreement “Archivable agreement ${t}”` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Archived “Archivable agreement' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Archived' })).toBeVisible();
  await page.goto('/agreements');
  await expect(page.getByRole('link', { name: `Archivable agreement ${t}` })).toHaveCount(0);
  // Still reachable where something points at it, and reversible.
  await page.goto(`/agreements/${agreement.id}`);
  await page.getByRole('button', { name: `Unarchive agreement “Archivable agreement ${t}”` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is back' })).toBeVisible();
  await expect(page.getByRole('link', { name: `Archivable commitment ${t}` })).toBeVisible();
  expect(await db.commitment.count({ where: { agreementId: agreement.id, archivedAt: null } })).toBe(1);
});

test.describe('as a viewer', () => {
  test.use({ signedInAs: 'viewer' });

  test('sees no edit controls, and cannot open a form', async ({ page, db, pageErrors }) => {
    const agreement = await db.agreement.findFirstOrThrow({ where: { archivedAt: null } });
    await page.goto(`/agreements/${agreement.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('link', { name: /^Edit/ })).toHaveCount(0);
    await expect(page.getByRole('link', { name: /Add (the first )?commitment/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Archive/ })).toHaveCount(0);
    for (const path of [
      '/agreements/new',
      `/agreements/${agreement.id}/edit`,
      '/parties/new',
      '/commitments/new',
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
    }
    forgiveHttpErrors(pageErrors, [403]);
  });
});
