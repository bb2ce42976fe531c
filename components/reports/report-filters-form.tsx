import Link from 'next/link';
import { AgreementFilter, PartyFilter } from '@/components/filters/record-filters';
import { SelectField, TextField } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { STATUSES, STATUS_LABELS } from '@/lib/domain/status';
import type { PickedAgreement, PickedParty } from '@/lib/search/picked';

export type ReportFilterOption = { id: number; name: string };

export type ReportFilterValues = Partial<
  Record<'agreement' | 'party' | 'status' | 'category' | 'from' | 'to' | 'asOf', string>
> & { bom?: boolean };

const statusOptions = STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] }));

function toOptions(options: ReportFilterOption[]) {
  return options.map((option) => ({ value: String(option.id), label: option.name }));
}

/** The report filters as a GET form, so the filtered page (and each download) is a plain, shareable URL. */
export function ReportFiltersForm({
  values,
  errors,
  options,
}: {
  values: ReportFilterValues;
  errors: Partial<Record<string, string>>;
  /** The categories to choose from, and the agreement and party the URL names (for their labels). */
  options: {
    categories: ReportFilterOption[];
    agreement: PickedAgreement | null;
    party: PickedParty | null;
  };
}) {
  return (
    <form method="get" action="/reports" className="space-y-4" aria-label="Report filters">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <AgreementFilter
          id="report-agreement"
          name="agreement"
          label="Agreement"
          placeholder="Any agreement: type to search"
          selected={options.agreement}
          field={{ error: errors.agreement }}
        />
        <PartyFilter
          id="report-party"
          name="party"
          label="Party"
          placeholder="Any party: type to search"
          selected={options.party}
          field={{ error: errors.party, hint: 'Includes the parties under it.' }}
        />
        <SelectField
          label="Status"
          name="status"
          options={statusOptions}
          placeholder="Any status"
          defaultValue={values.status}
          error={errors.status}
        />
        <SelectField
          label="Category"
          name="category"
          options={toOptions(options.categories)}
          placeholder="Any category"
          defaultValue={values.category}
          error={errors.category}
        />
        <TextField
          label="From"
          name="from"
          type="date"
          defaultValue={values.from}
          error={errors.from}
          hint="Commitments: due on or after. Updates: observed on or after."
        />
        <TextField
          label="To"
          name="to"
          type="date"
          defaultValue={values.to}
          error={errors.to}
          hint="Commitments: due on or before. Updates: observed on or before."
        />
        <TextField
          label="As of"
          name="asOf"
          type="date"
          defaultValue={values.asOf}
          error={errors.asOf}
          hint="The reports as they stood at the end of that day. Empty: today."
        />
        <div className="flex items-start pt-7">
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              name="bom"
              value="1"
              defaultChecked={values.bom}
              className="size-4 rounded border-slate-300"
            />
            For Excel (UTF-8 with BOM)
          </label>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary">
          Apply filters
        </Button>
        <Link href="/reports" className="link text-sm">
          Clear filters
        </Link>
      </div>
    </form>
  );
}
