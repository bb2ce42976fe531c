import type { FormState } from './form-state.ts';

/**
 * The form-level outcome: a status for a success; for a refusal an alert, focusable so a form can move focus to
 * it (`data-form-message`). A lost race shows nothing here: the edit form's conflict panel says it.
 */
export function FormMessage<T>({
  state,
  countFields = false,
}: {
  state: FormState<T>;
  /** Adds how many fields need attention when it is more than one (the edit forms). */
  countFields?: boolean;
}) {
  if (!state?.message) return null;
  if (state.ok) {
    return (
      <p
        role="status"
        className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200"
      >
        {state.message}
      </p>
    );
  }
  if (state.current) return null;
  const count = countFields
    ? Object.values(state.fieldErrors ?? {}).filter((errors) => errors?.length).length
    : 0;
  return (
    <p
      role="alert"
      tabIndex={-1}
      data-form-message
      className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200 focus:outline-none"
    >
      {state.message}
      {count > 1 ? ` (${count} fields need attention.)` : null}
    </p>
  );
}
