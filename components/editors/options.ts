// Picker options as the edit forms receive them from their pages (plain data, so they cross to the client).
import type { Option } from '@/components/forms/field';

export type PickOption = { id: number; name: string; archived: boolean; detail?: string | null };

/**
 * Select options: live records, plus archived ones only where already chosen (so an existing link still shows
 * and can be kept), marked as archived.
 */
export function pickerOptions(records: readonly PickOption[], chosen: readonly string[]): Option[] {
  return records
    .filter((record) => !record.archived || chosen.includes(String(record.id)))
    .map((record) => ({
      value: String(record.id),
      label: `${record.name}${record.detail ? ` — ${record.detail}` : ''}${record.archived ? ' (archived)' : ''}`,
    }));
}

/** The label of one picked id, or the id itself when it is not among the options. */
export function labelOf(value: string, options: readonly Option[]): string {
  if (!value) return '';
  return options.find((option) => option.value === value)?.label ?? `#${value}`;
}

export const PRECISION_LABELS: Record<string, string> = {
  day: 'Known to the day',
  month: 'Known to the month',
  year: 'Known to the year',
  unknown: 'Unknown',
};
