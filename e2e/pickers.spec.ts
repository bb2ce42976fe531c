// The pickers that search as you type, from the keyboard: the follow-up form's commitment picker finds a commitment
// by a word of its agreement, by a party, or by "#id", shows where it stands, and the form's page carries none of
// the commitments not chosen however many there are; the commitment edit form's reciprocal picker and the
// "New commitment" panel's agreement and party pickers, the agreement form's party and person rows, and the party
// and person forms' party pickers search the same way; the header's box lists hits as you type, opens one with the
// arrow keys and Enter, and opens the full results with Enter alone.
import type { Locator, Page } from '@playwright/test';
import { STATUS_LABELS } from '../lib/domain/status.ts';
import { expect, test } from './support/fixtures.ts';
import { chosenParties, listboxOf, pickCommitment, pickOption, pickParty } from './support/pickers.ts';

test.beforeEach(() => test.slow());

const AFTER_WRITE = { timeout: 20_000 };

function tag(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

const row = (page: Page, n: number) => page.getByRole('group', { name: `Commitment ${n}` });
const commitmentPicker = (scope: Page | Locator) =>
  scope.getByRole('combobox', { name: 'Commitment', exact: true });

/** The option the combobox highlights (its aria-activedescendant). */
async function highlighted(combobox: Locator): Promise<Locator> {
  const id = await combobox.getAttribute('aria-activedescendant');
  return combobox.page().locator(`[id="${id}"]`);
}

test('the commitment picker finds by agreement, party and "#id", from the keyboard alone', async ({
  page,
  db,
}) => {
  const t = tag();
  const agreementWord = `Quetzal${t}`;
  const partyWord = `Ocelot${t}`;
  const category = await db.category.findFirstOrThrow({ where: { archivedAt: null } });
  const agreement = await db.agreement.create({
    data: { title: `${agreementWord} accord on border posts`, kind: 'mou' },
  });
  const party = await db.party.create({ data: { name: `${partyWord} Ministry of Roads`, kind: 'ministry' } });
  // One after the other: the agreement's commitments are offered in the order entered.
  const posts = await db.commitment.create({
    data: { title: `Joint border posts ${t}`, agreementId: agreement.id, categoryId: category.id },
  });
  const patrols = await db.commitment.create({
    data: { title: `Night patrols ${t}`, agreementId: agreement.id, categoryId: category.id },
  });
  await db.commitmentParty.create({
    data: { commitmentId: patrols.id, partyId: party.id, role: 'responsible' },
  });

  await page.goto('/follow-ups/new');
  const picker = commitmentPicker(row(page, 1));
  await picker.focus();
  await expect(picker).toHaveAttribute('aria-expanded', 'false');

  // A word of the agreement: both its commitments, the first highlighted; ArrowDown moves on, Enter picks.
  await page.keyboard.type(agreementWord);
  await expect(picker).toHaveAttribute('aria-expanded', 'true');
  const listbox = await listboxOf(picker);
  await expect(listbox.getByRole('option')).toHaveCount(2);
  await expect(await highlighted(picker)).toContainText(posts.title);
  await expect(listbox.getByRole('option', { selected: true })).toContainText(posts.title);
  // Each option says where the commitment stands and which agreement it belongs to.
  await expect(listbox.getByRole('option').first()).toContainText(STATUS_LABELS[posts.status]);
  await expect(listbox.getByRole('option').first()).toContainText(agreement.title);
  await page.keyboard.press('ArrowDown');
  await expect(await highlighted(picker)).toContainText(patrols.title);
  await page.keyboard.press('Enter');
  await expect(picker).toHaveAttribute('aria-expanded', 'false');
  await expect(picker).toHaveValue(patrols.title);
  await expect(row(page, 1).locator('input[type="hidden"][name="rows.0.commitmentId"]')).toHaveValue(
    String(patrols.id),
  );
  // The row knows the commitment: its status beside it and its responsible party to assess.
  await expect(picker).toHaveAccessibleDescription(
    new RegExp(`Now\\s*${STATUS_LABELS[patrols.status]}.*${agreement.title}`),
  );
  await expect(
    row(page, 1).getByRole('combobox', { name: 'Assesses' }).getByRole('option', { name: party.name }),
  ).toHaveCount(1);

  // Escape leaves a half-typed query and puts the chosen commitment back.
  await page.keyboard.type(' something else');
  await expect(picker).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Escape');
  await expect(picker).toHaveAttribute('aria-expanded', 'false');
  await expect(picker).toHaveValue(patrols.title);

  // A party's name finds the commitments it is responsible for.
  await page.keyboard.press('Control+A');
  await page.keyboard.type(partyWord);
  await expect(listbox.getByRole('option')).toHaveCount(1);
  await expect(listbox.getByRole('option')).toContainText(patrols.title);
  await page.keyboard.press('Escape');

  // "#id" finds the commitment first, and Enter takes the highlighted one.
  await page.keyboard.press('Control+A');
  await page.keyboard.type(`#${posts.id}`);
  await expect(listbox.getByRole('option').first()).toContainText(`#${posts.id} ·`);
  await expect(await highlighted(picker)).toContainText(`#${posts.id} ·`);
  await page.keyboard.press('Enter');
  await expect(picker).toHaveValue(posts.title);
  await expect(row(page, 1).locator('input[type="hidden"][name="rows.0.commitmentId"]')).toHaveValue(
    String(posts.id),
  );
  // Tab goes on to the row's status, as from a select.
  await page.keyboard.press('Tab');
  await expect(row(page, 1).getByRole('combobox', { name: 'New status' })).toBeFocused();
});

test('the follow-up form carries none of the commitments not chosen, however many there are', async ({
  page,
  db,
}) => {
  const t = tag();
  const category = await db.category.findFirstOrThrow({ where: { archivedAt: null } });
  const agreement = await db.agreement.create({ data: { title: `Bulk accord ${t}`, kind: 'mou' } });
  const marker = `Bulkcommitment${t}`;
  await db.commitment.createMany({
    data: Array.from({ length: 300 }, (_, i) => ({
      title: `${marker} number ${i} with a long enough title to weigh on a page`,
      agreementId: agreement.id,
      categoryId: category.id,
    })),
  });
  const chosen = await db.commitment.findFirstOrThrow({
    where: { title: { startsWith: `${marker} number 7 ` } },
  });

  const response = await page.request.get(`/follow-ups/new?commitment=${chosen.id}`);
  expect(response.ok()).toBe(true);
  const html = await response.text();
  // The preset commitment's label is there; none of the 299 others.
  expect(html).toContain(chosen.title);
  expect(html.split(marker).length - 1).toBeLessThanOrEqual(4);
  expect(html).not.toContain(`${marker} number 8 `);
  expect(html.length).toBeLessThan(200_000);

  // They are all one search away.
  await page.goto(`/follow-ups/new?commitment=${chosen.id}`);
  const picker = commitmentPicker(row(page, 1));
  await expect(picker).toHaveValue(chosen.title);
  await picker.fill(`${marker} number 250`);
  await expect((await listboxOf(picker)).getByRole('option')).toContainText([`${marker} number 250 `]);
});

test('the reciprocal picker searches other commitments from the keyboard, and clearing it unlinks', async ({
  page,
  db,
}) => {
  const t = tag();
  const word = `Heron${t}`;
  const category = await db.category.findFirstOrThrow({ where: { archivedAt: null } });
  const party = await db.party.create({ data: { name: `Reciprocal party ${t}`, kind: 'ministry' } });
  const agreement = await db.agreement.create({ data: { title: `${word} exchange of visits`, kind: 'mou' } });
  const commitment = (title: string) =>
    db.commitment.create({
      data: {
        title,
        agreementId: agreement.id,
        categoryId: category.id,
        parties: { create: { partyId: party.id, role: 'responsible' } },
      },
    });
  const own = await commitment(`Invite the other side ${t}`);
  const linked = await commitment(`Accept the invitation ${t}`);
  const other = await commitment(`Return the visit ${t}`);
  await db.commitment.update({ where: { id: own.id }, data: { reciprocalOfId: linked.id } });

  const response = await page.request.get(`/commitments/${own.id}/edit`);
  // The page knows the linked reciprocal, not the other commitments.
  expect(await response.text()).not.toContain(other.title);

  await page.goto(`/commitments/${own.id}/edit`);
  const picker = page.getByRole('combobox', { name: 'Reciprocal commitment' });
  const hidden = page.locator('input[type="hidden"][name="reciprocalId"]');
  await expect(picker).toHaveValue(linked.title);
  await expect(hidden).toHaveValue(String(linked.id));

  // A word of the agreement: its other two commitments, never this one; ArrowDown moves on, Enter picks.
  await picker.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(word);
  await expect(picker).toHaveAttribute('aria-expanded', 'true');
  const listbox = await listboxOf(picker);
  await expect(listbox.getByRole('option')).toHaveCount(2);
  await expect(listbox.getByRole('option').filter({ hasText: own.title })).toHaveCount(0);
  await expect(listbox.getByRole('option').first()).toContainText(STATUS_LABELS[linked.status]);
  await expect(await highlighted(picker)).toContainText(linked.title);
  await page.keyboard.press('ArrowDown');
  await expect(await highlighted(picker)).toContainText(other.title);
  await page.keyboard.press('Enter');
  await expect(picker).toHaveAttribute('aria-expanded', 'false');
  await expect(picker).toHaveValue(other.title);
  await expect(hidden).toHaveValue(String(other.id));
  // Enter picked; it did not submit the form.
  await expect(page).toHaveURL(new RegExp(`/commitments/${own.id}/edit$`));

  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(new RegExp(`/commitments/${own.id}$`), AFTER_WRITE);
  expect((await db.commitment.findUniqueOrThrow({ where: { id: own.id } })).reciprocalOfId).toBe(other.id);
  expect((await db.commitment.findUniqueOrThrow({ where: { id: linked.id } })).reciprocalOfId).toBeNull();

  // Cleared and left, the picker sends no reciprocal: the link is released.
  await page.goto(`/commitments/${own.id}/edit`);
  await expect(picker).toHaveValue(other.title);
  await picker.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Tab');
  await expect(picker).toHaveValue('');
  await expect(hidden).toHaveValue('');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(new RegExp(`/commitments/${own.id}$`), AFTER_WRITE);
  expect(
    await db.commitment.count({
      where: { OR: [{ id: own.id, NOT: { reciprocalOfId: null } }, { reciprocalOfId: own.id }] },
    }),
  ).toBe(0);
});

test('"New commitment" searches its agreement and parties, and starts from the row\'s agreement', async ({
  page,
  db,
}) => {
  const t = tag();
  const word = `Kestrel${t}`;
  const category = await db.category.create({ data: { slug: `picker-${t}`, name: `Picker category ${t}` } });
  const [rowAgreement, agreement] = await Promise.all([
    db.agreement.create({ data: { title: `Row accord ${t}`, kind: 'mou' } }),
    db.agreement.create({ data: { title: `${word} accord on river ports`, kind: 'mou' } }),
  ]);
  const existing = await db.commitment.create({
    data: { title: `Dredge the harbour ${t}`, agreementId: rowAgreement.id, categoryId: category.id },
  });
  const parent = await db.party.create({ data: { name: `Republic ${word}`, kind: 'state' } });
  const [ports, customs] = await Promise.all([
    db.party.create({
      data: { name: `${word} Ports Authority`, shortName: `KPA${t}`, kind: 'agency', parentId: parent.id },
    }),
    db.party.create({ data: { name: `${word} Customs`, kind: 'agency', parentId: parent.id } }),
  ]);
  const title = `Open a river port ${t}`;

  await page.goto('/follow-ups/new');
  const first = row(page, 1);
  await pickCommitment(first, existing.title);
  await first.getByRole('button', { name: /^New commitment/ }).click();
  const panel = first.getByRole('group', { name: 'New commitment' });
  const agreementPicker = panel.getByRole('combobox', { name: 'Agreement' });
  // It starts from the agreement of the row's commitment.
  await expect(agreementPicker).toHaveValue(rowAgreement.title);

  // Another agreement, by a word of its title, from the keyboard.
  await agreementPicker.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(word);
  const agreements = await listboxOf(agreementPicker);
  await expect(agreements.getByRole('option')).toHaveCount(1);
  await expect(await highlighted(agreementPicker)).toHaveText(agreement.title);
  await page.keyboard.press('Enter');
  await expect(agreementPicker).toHaveValue(agreement.title);
  // Enter picked; it neither added the commitment nor submitted the follow-up.
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('alert')).toHaveCount(0);

  // Parties by short name and by name, each shown with its parent; a chosen one is offered no more.
  const partyPicker = panel.getByRole('combobox', { name: 'Responsible parties' });
  const parties = await listboxOf(partyPicker);
  await partyPicker.focus();
  await page.keyboard.type(`KPA${t}`);
  await expect(parties.getByRole('option')).toHaveCount(1);
  await expect(parties.getByRole('option')).toContainText(`under ${parent.name}`);
  await page.keyboard.press('Enter');
  await expect(partyPicker).toHaveValue('');
  await page.keyboard.type(word);
  await expect(parties.getByRole('option')).toHaveCount(2);
  await expect(parties.getByRole('option').filter({ hasText: ports.name })).toHaveCount(0);
  await pickOption(partyPicker, word, new RegExp(`^${customs.name}`));
  const chosen = panel.getByRole('list', { name: 'Chosen responsible parties' });
  await expect(chosen.getByRole('listitem')).toHaveCount(2);
  await chosen.getByRole('button', { name: `Remove ${customs.name}` }).click();
  await expect(chosen.getByRole('listitem')).toHaveCount(1);

  await panel.getByRole('combobox', { name: 'Category' }).selectOption({ label: category.name });
  await panel.getByRole('textbox', { name: 'What was committed to' }).fill(title);
  await panel.getByRole('button', { name: 'Add commitment' }).click();
  await expect(commitmentPicker(first)).toHaveValue(title, AFTER_WRITE);
  const created = await db.commitment.findFirstOrThrow({
    where: { title },
    select: { agreementId: true, parties: { select: { partyId: true, role: true } } },
  });
  expect(created).toEqual({
    agreementId: agreement.id,
    parties: [{ partyId: ports.id, role: 'responsible' }],
  });
});

test('the follow-up form carries no list of agreements or parties for "New commitment"', async ({
  page,
  db,
}) => {
  const t = tag();
  const agreement = await db.agreement.create({ data: { title: `Unlisted accord ${t}`, kind: 'mou' } });
  const party = await db.party.create({ data: { name: `Unlisted party ${t}`, kind: 'agency' } });
  const html = await (await page.request.get('/follow-ups/new')).text();
  expect(html.includes(agreement.title), 'the page carries the agreement').toBe(false);
  expect(html.includes(party.name), 'the page carries the party').toBe(false);
});

test('the commitment form searches its agreement and parties from the keyboard, and carries no list of them', async ({
  page,
  db,
}) => {
  const t = tag();
  const word = `Osprey${t}`;
  const category = await db.category.findFirstOrThrow({
    where: { archivedAt: null },
    orderBy: { position: 'asc' },
  });
  const [home, away, unlisted] = await Promise.all([
    db.party.create({ data: { name: `${word} ministry of ports`, kind: 'ministry' } }),
    db.party.create({ data: { name: `${word} coast guard`, kind: 'agency' } }),
    db.party.create({ data: { name: `Far party ${t}`, kind: 'agency' } }),
  ]);
  const agreement = await db.agreement.create({
    data: {
      title: `${word} maritime accord`,
      kind: 'mou',
      parties: { create: { partyId: home.id, role: 'signatory' } },
    },
  });
  const otherAgreement = await db.agreement.create({ data: { title: `Unrelated accord ${t}`, kind: 'mou' } });

  // The new-commitment page names its preset agreement and that agreement's parties, nothing else.
  const html = await (await page.request.get(`/commitments/new?agreement=${agreement.id}`)).text();
  expect(html.includes(otherAgreement.title), 'the page carries another agreement').toBe(false);
  expect(html.includes(unlisted.name), 'the page carries another party').toBe(false);

  await page.goto(`/commitments/new?agreement=${agreement.id}`);
  const agreementPicker = page.getByRole('combobox', { name: 'Agreement', exact: true });
  await expect(agreementPicker).toHaveValue(agreement.title);
  await expect(page.locator('input[type="hidden"][name="agreementId"]')).toHaveValue(String(agreement.id));

  // Nothing chosen: the message sits beside the party picker, and what was typed stays.
  await page.getByLabel('Title').fill(`Patrol the harbour ${t}`);
  await page.getByLabel('Category').selectOption({ value: String(category.id) });
  await page.getByRole('button', { name: 'Add commitment', exact: true }).click();
  const responsible = page.getByRole('combobox', { name: 'Responsible parties', exact: true });
  await expect(responsible).toHaveAttribute('aria-invalid', 'true', AFTER_WRITE);
  await expect(page.getByText('Choose at least one responsible party', { exact: false })).toBeVisible();
  await expect(page.getByLabel('Title')).toHaveValue(`Patrol the harbour ${t}`);

  // With nothing typed, the agreement's own party comes first; Enter picks it (and does not submit).
  await responsible.focus();
  await page.keyboard.press('ArrowDown');
  const responsibleList = await listboxOf(responsible);
  await expect(responsibleList.getByRole('option').first()).toContainText(home.name);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(chosenParties(page, 'Responsible parties')).toContainText(home.name);
  await expect(responsible).toHaveValue('');
  // A word of a party's name finds the others; the chosen one is not offered again.
  await page.keyboard.type(word);
  await expect(responsibleList.getByRole('option')).toHaveCount(1);
  await expect(await highlighted(responsible)).toContainText(away.name);
  await page.keyboard.press('Enter');
  await expect(chosenParties(page, 'Responsible parties')).toContainText(away.name);
  // Removed again with its button.
  await page.getByRole('button', { name: `Remove ${away.name} from the responsible parties` }).click();
  await expect(chosenParties(page, 'Responsible parties')).not.toContainText(away.name);
  await pickParty(page, 'Beneficiary parties', away.name);

  // Another agreement, by a word of its title, from the keyboard.
  await agreementPicker.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(`Unrelated accord ${t}`);
  const agreementList = await listboxOf(agreementPicker);
  await expect(agreementList.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(agreementPicker).toHaveValue(otherAgreement.title);

  await page.getByRole('button', { name: 'Add commitment', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/agreements/${otherAgreement.id}$`), AFTER_WRITE);
  const saved = await db.commitment.findFirstOrThrow({
    where: { title: `Patrol the harbour ${t}` },
    select: { id: true, agreementId: true, parties: { select: { partyId: true, role: true } } },
  });
  expect(saved.agreementId).toBe(otherAgreement.id);
  expect(saved.parties).toEqual(
    expect.arrayContaining([
      { partyId: home.id, role: 'responsible' },
      { partyId: away.id, role: 'beneficiary' },
    ]),
  );
  expect(saved.parties).toHaveLength(2);

  // The edit page shows them chosen, by name.
  await page.goto(`/commitments/${saved.id}/edit`);
  await expect(agreementPicker).toHaveValue(otherAgreement.title);
  await expect(chosenParties(page, 'Responsible parties')).toContainText(home.name);
  await expect(chosenParties(page, 'Beneficiary parties')).toContainText(away.name);
});

test('the agreement form searches parties and people as you type, and carries only those it names', async ({
  page,
  db,
}) => {
  const t = tag();
  const word = `Heron${t}`;
  const [state, unlistedParty] = await Promise.all([
    db.party.create({ data: { name: `${word} republic`, kind: 'state' } }),
    db.party.create({ data: { name: `Far party ${t}`, kind: 'agency' } }),
  ]);
  const [speaker, envoy, unlistedPerson] = await Promise.all([
    // Archived since: still shown where the agreement names them, never offered.
    db.person.create({
      data: { name: `Speaker ${t}`, title: 'Foreign Minister', partyId: state.id, archivedAt: new Date() },
    }),
    db.person.create({
      data: { name: `Envoy ${t}`, title: `Special envoy ${word}`, partyId: unlistedParty.id },
    }),
    db.person.create({ data: { name: `Far person ${t}` } }),
  ]);
  const agreement = await db.agreement.create({
    data: {
      title: `${word} friendship accord`,
      kind: 'mou',
      parties: { create: { partyId: state.id, role: 'signatory' } },
      people: { create: { personId: speaker.id, role: 'host' } },
    },
  });

  // Neither page carries a list: the new one names nobody, the edit page only the agreement's own.
  const blank = await (await page.request.get('/agreements/new')).text();
  for (const name of [state.name, unlistedParty.name, speaker.name, unlistedPerson.name])
    expect(blank.includes(name), `the new page carries ${name}`).toBe(false);
  const edit = await (await page.request.get(`/agreements/${agreement.id}/edit`)).text();
  expect(edit.includes(state.name), 'the edit page names its party').toBe(true);
  expect(edit.includes(speaker.name), 'the edit page names its person').toBe(true);
  expect(edit.includes(unlistedParty.name), 'the edit page carries another party').toBe(false);
  expect(edit.includes(unlistedPerson.name), 'the edit page carries another person').toBe(false);

  await page.goto(`/agreements/${agreement.id}/edit`);
  await expect(page.getByRole('combobox', { name: 'Party 1', exact: true })).toHaveValue(state.name);
  const person1 = page.getByRole('combobox', { name: 'Person 1', exact: true });
  await expect(person1).toHaveValue(`${speaker.name} — Foreign Minister, ${state.name} (archived)`);

  // A second person, from the keyboard: found by a word of their title, never the archived one.
  await page.waitForLoadState('networkidle');
  await page.getByRole('button', { name: 'Add a person' }).click();
  const person2 = page.getByRole('combobox', { name: 'Person 2', exact: true });
  await expect(person2).toBeFocused();
  await page.keyboard.type(word);
  const people = await listboxOf(person2);
  await expect(people.getByRole('option')).toHaveCount(1);
  await expect(await highlighted(person2)).toContainText(envoy.name);
  await page.keyboard.press('Enter');
  await expect(person2).toHaveValue(`${envoy.name} — Special envoy ${word}, ${unlistedParty.name}`);
  // By "#id" as well; Escape puts the chosen one back.
  await person2.fill(`#${unlistedPerson.id}`);
  await expect(people.getByRole('option')).toHaveCount(1);
  await expect(people.getByRole('option')).toContainText(unlistedPerson.name);
  await page.keyboard.press('Escape');
  await expect(person2).toHaveValue(`${envoy.name} — Special envoy ${word}, ${unlistedParty.name}`);
  await page.getByLabel('Role of person 2').fill('Envoy');

  // A party by a word of its name; the new row's role stays a select.
  await page.getByRole('button', { name: 'Add a party' }).click();
  const party2 = page.getByRole('combobox', { name: 'Party 2', exact: true });
  await expect(party2).toBeFocused();
  await page.keyboard.type(`Far party ${t}`);
  await expect((await listboxOf(party2)).getByRole('option')).toHaveCount(1);
  await expect(await highlighted(party2)).toContainText(unlistedParty.name);
  await page.keyboard.press('Enter');
  await expect(party2).toHaveValue(unlistedParty.name);
  await page.getByLabel('Role of party 2').selectOption({ label: 'Host' });

  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(new RegExp(`/agreements/${agreement.id}$`), AFTER_WRITE);
  const saved = await db.agreement.findUniqueOrThrow({
    where: { id: agreement.id },
    select: {
      parties: { select: { partyId: true, role: true } },
      people: { select: { personId: true, role: true } },
    },
  });
  expect(saved.parties).toEqual(
    expect.arrayContaining([
      { partyId: state.id, role: 'signatory' },
      { partyId: unlistedParty.id, role: 'host' },
    ]),
  );
  expect(saved.parties).toHaveLength(2);
  expect(saved.people).toEqual(
    expect.arrayContaining([
      { personId: speaker.id, role: 'host' },
      { personId: envoy.id, role: 'Envoy' },
    ]),
  );
  expect(saved.people).toHaveLength(2);
});

test('the party and person forms search their party, never offering a party’s own parts as its parent', async ({
  page,
  db,
}) => {
  const t = tag();
  const word = `Bittern${t}`;
  const state = await db.party.create({ data: { name: `${word} state`, kind: 'state' } });
  const ministry = await db.party.create({
    data: { name: `${word} ministry`, kind: 'ministry', parentId: state.id },
  });
  const office = await db.party.create({
    data: { name: `${word} office`, kind: 'agency', parentId: ministry.id },
  });
  for (const path of ['/parties/new', '/people/new', '/people']) {
    const html = await (await page.request.get(path)).text();
    expect(html.includes(word), `${path} carries a party`).toBe(false);
  }

  // The ministry's parent: its state, shown; of the three parties found, only the state is offered.
  await page.goto(`/parties/${ministry.id}/edit`);
  const parent = page.getByRole('combobox', { name: 'Part of', exact: true });
  await expect(parent).toHaveValue(state.name);
  await parent.fill(word);
  const offered = (await listboxOf(parent)).getByRole('option');
  await expect(offered).toHaveCount(1);
  await expect(offered).toContainText(state.name);
  // Emptied, it makes the ministry a top-level party.
  await parent.fill('');
  await page.keyboard.press('Escape');
  await expect(page.locator('input[type="hidden"][name="parentId"]')).toHaveValue('');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(new RegExp(`/parties/${ministry.id}$`), AFTER_WRITE);
  expect((await db.party.findUniqueOrThrow({ where: { id: ministry.id } })).parentId).toBeNull();

  // A new person speaks for the office, found by a word of its name.
  const name = `Spokesperson ${t}`;
  await page.goto('/people/new');
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await pickOption(
    page.getByRole('combobox', { name: 'Speaks for' }),
    `${word} off`,
    new RegExp(office.name),
  );
  await page.getByRole('button', { name: 'Add person' }).click();
  await expect(page).toHaveURL(/\/people\?added=\d+$/, AFTER_WRITE);
  expect((await db.person.findFirstOrThrow({ where: { name } })).partyId).toBe(office.id);
});

test('the header box lists hits as you type; arrows and Enter open one, Enter alone the full results', async ({
  page,
}) => {
  await page.goto('/');
  const box = page.getByRole('banner').getByRole('combobox', { name: 'Search records' });
  await page.keyboard.press('/');
  await expect(box).toBeFocused();
  await page.keyboard.type('NCCIA');
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  const results = await listboxOf(box);
  const commitments = results.getByRole('group', { name: /^Commitments/ });
  await expect(commitments.getByRole('option').first()).toContainText(/^Cybercrime cooperation: /);
  await expect(commitments.getByRole('option').first().locator('mark', { hasText: 'NCCIA' })).toBeVisible();
  // Nothing highlighted until an arrow key: then Enter opens the hit.
  await expect(box).not.toHaveAttribute('aria-activedescendant', /.+/);
  await page.keyboard.press('ArrowDown');
  await expect(await highlighted(box)).toContainText(/^Cybercrime cooperation: /);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/commitments\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Cybercrime cooperation');

  // Enter with no hit highlighted opens the full page; Escape closes the list first.
  await page.keyboard.press('Control+k');
  await expect(box).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('protection unit');
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Escape');
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=protection\+unit$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Search' })).toBeVisible();

  // A query that finds nothing says so in the popover.
  await box.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(`zzqx${tag()}`);
  await expect(
    page.getByRole('banner').getByRole('status').filter({ hasText: 'Nothing found' }),
  ).toBeAttached();
});
