// Picking in the searching pickers (components/ui/combobox.tsx) as an analyst does: type into the combobox, then
// choose the option from the listbox it controls. Nothing here loads lib/db.ts or lib/log.ts.
import { expect, type Locator, type Page } from '@playwright/test';

function pageOf(scope: Page | Locator): Page {
  return 'page' in scope && typeof scope.page === 'function' ? scope.page() : (scope as Page);
}

/** The listbox a combobox controls. */
export async function listboxOf(combobox: Locator): Promise<Locator> {
  const id = await combobox.getAttribute('aria-controls');
  return combobox.page().locator(`[id="${id}"]`);
}

/** Types `text` into `combobox` and chooses the option named `option` (exactly, for a string). */
export async function pickOption(combobox: Locator, text: string, option: string | RegExp): Promise<void> {
  await combobox.fill(text);
  const listbox = await listboxOf(combobox);
  await listbox.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
  await expect(combobox).toHaveAttribute('aria-expanded', 'false');
}

/**
 * Picks the commitment of a follow-up row (`scope`: the row, or the page when it has one row): by id, typed as
 * "#id", or by its exact title, typed in.
 */
export async function pickCommitment(
  scope: Page | Locator,
  commitment: { id: number } | string,
): Promise<void> {
  const combobox = scope.getByRole('combobox', { name: 'Commitment', exact: true });
  const listbox = await listboxOf(combobox);
  if (typeof commitment === 'string') {
    await combobox.fill(commitment);
    await listbox
      .getByRole('option')
      .filter({ has: pageOf(scope).getByText(commitment, { exact: true }) })
      .first()
      .click();
    await expect(combobox).toHaveValue(commitment);
  } else {
    await combobox.fill(`#${commitment.id}`);
    await listbox
      .getByRole('option')
      .filter({ hasText: `#${commitment.id} ·` })
      .click();
  }
  await expect(combobox).toHaveAttribute('aria-expanded', 'false');
}

/** Picks the item's outlet by its label ("Dunya News (B)"), or "+ Add a new outlet…". */
export async function pickOutlet(scope: Page | Locator, label: string): Promise<void> {
  const combobox = scope.getByRole('combobox', { name: 'Outlet', exact: true });
  const typed = label.startsWith('+') ? '' : label.replace(/ \([A-F]\)$/, '');
  if (typed) return pickOption(combobox, typed, label);
  await combobox.click();
  const listbox = await listboxOf(combobox);
  await listbox.getByRole('option', { name: label, exact: true }).click();
  await expect(combobox).toHaveAttribute('aria-expanded', 'false');
}

/**
 * Adds a party to the commitment form's "Responsible parties" or "Beneficiary parties" (its own name typed in, the
 * option whose first line is exactly that name picked); it then shows among the chosen ones.
 */
export async function pickParty(
  scope: Page | Locator,
  picker: 'Responsible parties' | 'Beneficiary parties',
  name: string,
): Promise<void> {
  const combobox = scope.getByRole('combobox', { name: picker, exact: true });
  await combobox.fill(name);
  const listbox = await listboxOf(combobox);
  await listbox
    .getByRole('option')
    .filter({ has: pageOf(scope).getByText(name, { exact: true }) })
    .first()
    .click();
  await expect(chosenParties(scope, picker)).toContainText(name);
}

/** The parties chosen in the commitment form's "Responsible parties" or "Beneficiary parties". */
export function chosenParties(
  scope: Page | Locator,
  picker: 'Responsible parties' | 'Beneficiary parties',
): Locator {
  return scope.getByRole('list', { name: `Chosen ${picker.toLowerCase()}`, exact: true });
}
