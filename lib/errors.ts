// Errors a mutation in lib/data throws on purpose. The action wrapper (lib/auth/action-core.ts) turns each into a
// message the form shows; any other error is a bug and propagates to Next's error handling.

/** Base of every expected, user-facing failure: its message is safe to show. */
export class AppError extends Error {
  /** Field errors to show beside the inputs, in the shape the forms read. */
  readonly fieldErrors: Record<string, string[]>;

  constructor(message: string, fieldErrors: Record<string, string[]> = {}) {
    super(message);
    this.name = new.target.name;
    this.fieldErrors = fieldErrors;
  }
}

/** The record the user acted on does not exist (any more). */
export class NotFoundError extends AppError {
  constructor(what = 'record', message = `That ${what} no longer exists.`) {
    super(message);
  }
}

/** Optimistic locking: someone saved the record after this form was loaded. */
export class VersionConflictError extends AppError {
  constructor(
    what = 'record',
    message = `Someone else changed this ${what} while you were editing. Reload the page to see their change, then make yours again.`,
  ) {
    super(message);
  }
}

/** A business rule refused the change (e.g. removing the last admin); the message says which. */
export class RuleViolationError extends AppError {}

/** A unique value (an e-mail, a URL) is already taken; carries the field it belongs to. */
export class ConflictError extends AppError {
  constructor(field: string, message: string) {
    super(message, { [field]: [message] });
  }
}
