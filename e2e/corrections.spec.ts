// Correcting and retracting follow-ups, and editing an evidence item, as an analyst meets them on a seed
// commitment: a newer report is retracted (the status falls back), an older one corrected (the status follows
// the correction); both originals stay in the history, marked with who, when and why. Then the item the
// follow-ups cite is edited and its page lists the edit. A viewer sees no controls and cannot open the forms.
//
// The rows acted on are added by the test itself (two dated reports on top of the seed's undated one), so the
// seed's own rows stay as they are, and the commitment ends at the status the seed gave it.
import { appendStatusUpdates } from '../lib/data/status-updates.ts';
import { addDays, today } from '../lib/domain/dates.ts';
import type { PrismaClient } from '../lib/generated/prisma/client.ts';
import { expect, test } from './support/fixtures.ts';
import { forgiveHttpErrors } from './support/users.ts';

test.beforeEach(() => test.slow());
const AFTER_WRITE = { timeout: 20_000 };

const SAFEGUARD = 'Measures to safeguard Chinese citizens and projects in Pakistan';

function tag(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
}

/** An item of this test's own, and two dated reports citing it: stalled 20 days ago, fulfilled 10 days ago. */
async function arrange(db: PrismaClient, label: string) {
  const commitment = await db.commitment.findFirstOrThrow({ where: { title: SAFEGUARD } });
  const outlet = await db.outlet.findFirstOrThrow({ where: { name: 'Dunya News' } });
  const evidence = await db.evidence.create({
    data: {
      url: `https://dunyanews.tv/en/Pakistan/${label}`,
      outletId: outlet.id,
      title: `Security measures reviewed ${label}`,
      language: 'en',
      reliability: 'B',
      credibility: 3,
      type: 'announcement',
    },
  });
  const [stalled, fulfilled] = await db.$transaction((tx) =>
    appendStatusUpdates(tx, null, [
      {
        commitmentId: commitment.id,
        status: 'stalled',
        reason: `Deployment paused ${label}.`,
        evidenceId: evidence.id,
        observedOn: addDays(today(), -20),
      },
      {
        commitmentId: commitment.id,
        status: 'fulfilled',
        reason: `All measures in place ${label}.`,
        evidenceId: evidence.id,
        observedOn: addDays(today(), -10),
      },
    ]),
  );
  return { commitment, evidence, stalled, fulfilled };
}

test('an analyst retracts one follow-up and corrects another; the history keeps both, marked', async ({
  page,
  db,
  user,
}) => {
  const label = tag();
  const { commitment, stalled, fulfilled } = await arrange(db, label);
  // Each entry is anchored by its row's id (the redirect after saving lands on it).
  const entry = (id: number) => page.getByRole('list', { name: 'Status history' }).locator(`#update-${id}`);

  await page.goto(`/commitments/${commitment.id}`);
  await expect(entry(fulfilled.id)).toContainText('Current status rests on this');

  // Retract the newer report: the status falls back to the older one.
  await entry(fulfilled.id)
    .getByRole('link', { name: `Retract follow-up #${fulfilled.id}` })
    .click();
  await expect(
    page.getByRole('heading', { level: 1, name: `Retract follow-up #${fulfilled.id}` }),
  ).toBeVisible();
  // The reason is required, and said beside the field.
  await page.getByRole('button', { name: 'Retract follow-up' }).click();
  await expect(page.getByText('Say why this row is retracted')).toBeVisible();
  await page.getByRole('textbox', { name: 'Why retract it' }).fill(`The ministry denied it ${label}.`);
  await page.getByRole('button', { name: 'Retract follow-up' }).click();
  await expect(page).toHaveURL(
    new RegExp(`/commitments/${commitment.id}#update-${fulfilled.id}$`),
    AFTER_WRITE,
  );

  const retracted = entry(fulfilled.id);
  await expect(retracted).toContainText('Retracted');
  await expect(retracted).toContainText(`by ${user!.name}`);
  await expect(retracted).toContainText(`Why: The ministry denied it ${label}.`);
  await expect(retracted.getByRole('link', { name: /^Correct/ })).toHaveCount(0);
  await expect(entry(stalled.id)).toContainText('Current status rests on this');
  await expect(page.locator('main header').first()).toContainText('Stalled');

  // Correct the older one: prefilled with the row as logged; saving replaces it.
  await entry(stalled.id)
    .getByRole('link', { name: `Correct follow-up #${stalled.id}` })
    .click();
  await expect(
    page.getByRole('heading', { level: 1, name: `Correct follow-up #${stalled.id}` }),
  ).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Status' })).toHaveValue('stalled');
  await expect(page.getByRole('textbox', { name: 'Reason' })).toHaveValue(`Deployment paused ${label}.`);
  await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'In progress' });
  await page.getByRole('textbox', { name: 'Reason' }).fill(`Deployment slowed, not paused ${label}.`);
  await page
    .getByRole('textbox', { name: 'Why this correction' })
    .fill(`Misread “slowed” as “paused” ${label}.`);
  await page.getByRole('button', { name: 'Save correction' }).click();
  await expect(page).toHaveURL(new RegExp(`/commitments/${commitment.id}#update-\\d+$`), AFTER_WRITE);

  const correctionId = Number(/#update-(\d+)$/.exec(page.url())![1]);
  const corrected = entry(stalled.id);
  await expect(corrected).toContainText(`Corrected by #${correctionId}`);
  await expect(corrected).toContainText(`by ${user!.name}`);
  await expect(corrected).toContainText(`Why: Misread “slowed” as “paused” ${label}.`);
  const correction = entry(correctionId);
  await expect(correction).toContainText(`Corrects #${stalled.id}`);
  await expect(correction).toContainText(`Deployment slowed, not paused ${label}.`);
  await expect(correction).toContainText('Current status rests on this');
  await expect(page.locator('main header').first()).toContainText('In progress');
  expect((await db.commitment.findUniqueOrThrow({ where: { id: commitment.id } })).status).toBe(
    'in_progress',
  );

  // The corrected row's form now only says what happened to it.
  await page.goto(`/commitments/${commitment.id}/updates/${stalled.id}/correct`);
  await expect(
    page.getByRole('status').filter({ hasText: `already corrected by #${correctionId}` }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save correction' })).toHaveCount(0);
});

test('an analyst edits an evidence item; its page lists the edit', async ({ page, db, user }) => {
  const label = tag();
  const { evidence } = await arrange(db, label);

  await page.goto(`/evidence/${evidence.id}`);
  await expect(page.getByRole('heading', { name: 'Edited', exact: true })).toBeVisible();
  await expect(page.getByText('Never edited since it was logged.')).toBeVisible();
  await page.getByRole('link', { name: 'Edit item' }).click();
  await expect(page).toHaveURL(`/evidence/${evidence.id}/edit`);
  await expect(page.getByText(evidence.url)).toBeVisible();

  // A bad language tag is refused beside its field, and what was typed stays.
  const title = page.getByRole('textbox', { name: 'Title', exact: true });
  await title.fill(`Security measures reviewed by the cabinet ${label}`);
  await page.getByRole('textbox', { name: 'Language' }).fill('english!');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Use a language tag such as en')).toBeVisible();
  await expect(title).toHaveValue(`Security measures reviewed by the cabinet ${label}`);

  await page.getByRole('textbox', { name: 'Language' }).fill('en');
  await page.getByRole('combobox', { name: 'Information credibility' }).selectOption('2');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(`/evidence/${evidence.id}`, AFTER_WRITE);

  await expect(
    page.getByRole('heading', { level: 1, name: `Security measures reviewed by the cabinet ${label}` }),
  ).toBeVisible();
  const edits = page.getByRole('list', { name: 'Edited' });
  await expect(edits.getByRole('listitem')).toHaveCount(1);
  await expect(edits).toContainText(`${user!.name} edited it`);
  await expect(edits).toContainText(`Security measures reviewed ${label}`);
  await expect(edits).toContainText('Credibility');
  expect((await db.evidence.findUniqueOrThrow({ where: { id: evidence.id } })).version).toBe(2);
});

test('a stale evidence edit form is merged with what was saved in between', async ({ page, db }) => {
  const label = tag();
  const { evidence } = await arrange(db, label);
  await page.goto(`/evidence/${evidence.id}/edit`);
  const title = page.getByRole('textbox', { name: 'Title', exact: true });
  await expect(title).toBeVisible();

  // Someone else changes the credibility while this form is open.
  await db.evidence.update({
    where: { id: evidence.id },
    data: { credibility: 5, version: { increment: 1 } },
  });

  await title.fill(`Cabinet reviews security measures ${label}`);
  await page.getByRole('button', { name: 'Save changes' }).click();
  const conflict = page.getByRole('region', {
    name: 'This record was changed by someone else since you opened it.',
  });
  await expect(conflict).toBeVisible(AFTER_WRITE);
  await expect(conflict.getByRole('row', { name: /^Credibility/ })).toContainText('Their change, kept');
  await expect(conflict.getByRole('row', { name: /^Title/ })).toContainText('Your change, kept');
  await expect(title).toHaveValue(`Cabinet reviews security measures ${label}`);
  await expect(page.getByRole('combobox', { name: 'Information credibility' })).toHaveValue('5');
  expect((await db.evidence.findUniqueOrThrow({ where: { id: evidence.id } })).version).toBe(2);

  // Saving the merged form keeps both changes.
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(`/evidence/${evidence.id}`, AFTER_WRITE);
  expect(await db.evidence.findUniqueOrThrow({ where: { id: evidence.id } })).toMatchObject({
    title: `Cabinet reviews security measures ${label}`,
    credibility: 5,
    version: 3,
  });
});

test.describe('as a viewer', () => {
  test.use({ signedInAs: 'viewer' });

  test('sees no Correct, Retract or Edit controls, and cannot open the forms', async ({
    page,
    db,
    pageErrors,
  }) => {
    const commitment = await db.commitment.findFirstOrThrow({ where: { title: SAFEGUARD } });
    const update = await db.statusUpdate.findFirstOrThrow({ where: { commitmentId: commitment.id } });
    await page.goto(`/commitments/${commitment.id}`);
    await expect(page.getByRole('list', { name: 'Status history' })).toBeVisible();
    await expect(page.getByRole('link', { name: /^(Correct|Retract) follow-up/ })).toHaveCount(0);
    for (const path of [
      `/commitments/${commitment.id}/updates/${update.id}/correct`,
      `/commitments/${commitment.id}/updates/${update.id}/retract`,
      `/evidence/${update.evidenceId ?? 1}/edit`,
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
    }
    forgiveHttpErrors(pageErrors, [403]);
  });
});
