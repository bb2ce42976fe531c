import type { EditState } from './edit-state';

/**
 * The form-level message of a refusal (an alert, focusable so the form can move focus to it), or of a success
 * (a status). A conflict has its own panel, so it shows nothing here.
 */
export function FormAlert<T>({ state }: { state: EditState<T> }) {
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
  const count = Object.values(state.fieldErrors ?? {}).filter((errors) => errors?.length).length;
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
