import type { FormState } from './form-state.ts';

/** The form-level outcome: an alert for a refusal (with the count of field errors), a status for success. */
export function FormMessage({ state }: { state: FormState }) {
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
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
      {state.message}
    </p>
  );
}
