// The one shape of every server action and the one check in every route handler, free of Next so that tests
// can run them with any user: `createAction(getUser)` and `createRouteGuard(getUser)` take the session getter.
// lib/auth/action.ts binds them to the real session.
import * as z from 'zod';
import { AppError } from '../errors.ts';
import { can, minimumRole, type Permission, type Principal } from './permissions.ts';

type FieldErrors = Record<string, string[]>;
export type FormValue = string | string[];

/** Why an action refused before running: forms show `message`; tests assert on `reason`. */
type RefusalReason = 'unauthenticated' | 'deactivated' | 'forbidden' | 'invalid' | 'rejected';

export type ActionFailure = {
  ok: false;
  reason: RefusalReason;
  message: string;
  fieldErrors: FieldErrors;
  /** What the user typed, to refill the form (never passwords or files). */
  values: Record<string, FormValue>;
};

export type ActionSuccess<T extends object = object> = { ok: true; message?: string } & T;
export type ActionResult<T extends object = object> = ActionSuccess<T> | ActionFailure;

/**
 * Callable as a form action (`formData`) or through `useActionState` (`previousState, formData`).
 * Anything else is refused as invalid input.
 */
export type ServerAction<T extends object = object> = (
  stateOrFormData: unknown,
  formData?: FormData,
) => Promise<ActionResult<T>>;

export type SessionGetter<U extends Principal> = () => Promise<U | null>;

export type ActionOptions<S extends z.ZodType> = {
  /** What the user must be allowed to do (lib/auth/permissions.ts). */
  permission: Permission;
  /** Parses `Object.fromEntries(formData)`; fields it declares as arrays get every value of a repeated key. */
  schema: S;
};

const REFUSALS: Record<Exclude<RefusalReason, 'invalid' | 'rejected'>, string> = {
  unauthenticated: 'You are not signed in (or your session ended). Sign in and try again.',
  deactivated: 'This account is deactivated.',
  forbidden: 'Your role does not allow this.',
};

function refuse(reason: keyof typeof REFUSALS, permission?: Permission): ActionFailure {
  const message =
    reason === 'forbidden' && permission
      ? `Your role does not allow this (it needs ${minimumRole(permission)} or above).`
      : REFUSALS[reason];
  return { ok: false, reason, message, fieldErrors: {}, values: {} };
}

/** Who may run this, checked before the input is even looked at. */
function authorise(user: Principal | null, permission: Permission): ActionFailure | null {
  if (!user) return refuse('unauthenticated');
  if (user.deactivatedAt) return refuse('deactivated');
  if (!can(user, permission)) return refuse('forbidden', permission);
  return null;
}

export function createAction<U extends Principal>(getUser: SessionGetter<U>) {
  return function action<S extends z.ZodType, T extends object = object>(
    options: ActionOptions<S>,
    run: (input: z.output<S>, context: { user: U }) => Promise<ActionSuccess<T> | T | void>,
  ): ServerAction<T> {
    return async (stateOrFormData, maybeFormData) => {
      // 1. Authorise first: an anonymous or under-privileged caller learns nothing, not even validation errors.
      const user = await getUser();
      const refusal = authorise(user, options.permission);
      if (refusal || !user) return refusal ?? refuse('unauthenticated');

      const formData = maybeFormData instanceof FormData ? maybeFormData : stateOrFormData;
      if (!(formData instanceof FormData)) {
        return {
          ok: false,
          reason: 'invalid',
          message: 'The form was not submitted.',
          fieldErrors: {},
          values: {},
        };
      }

      // 2. Parse.
      const raw = formDataToObject(formData, options.schema);
      const parsed = options.schema.safeParse(raw);
      if (!parsed.success) {
        const flat = z.flattenError(parsed.error);
        const fieldErrors = Object.fromEntries(
          Object.entries(flat.fieldErrors).filter((entry): entry is [string, string[]] =>
            Array.isArray(entry[1]),
          ),
        );
        return {
          ok: false,
          reason: 'invalid',
          message: flat.formErrors[0] ?? 'Check the highlighted fields.',
          fieldErrors,
          values: refillableValues(raw),
        };
      }

      // 3. Run. Expected failures become a message; anything else (including Next's redirect) propagates.
      try {
        const result = await run(parsed.data, { user });
        // `ok` is the wrapper's to set: a mutation's own `ok` field must not turn a success into a failure.
        return { ...(result as T | undefined), ok: true } as ActionSuccess<T>;
      } catch (error) {
        if (error instanceof AppError) {
          return {
            ok: false,
            reason: 'rejected',
            message: error.message,
            fieldErrors: error.fieldErrors,
            values: refillableValues(raw),
          };
        }
        throw error;
      }
    };
  };
}

export type RouteGuardResult<U> = { ok: true; user: U } | { ok: false; response: Response };

function jsonError(status: number, error: string, message: string): Response {
  return Response.json({ error, message }, { status, headers: { 'Cache-Control': 'no-store' } });
}

/** For route handlers: the user, or the 401/403 JSON response to return as is. */
export function createRouteGuard<U extends Principal>(getUser: SessionGetter<U>) {
  return async function routeGuard(permission: Permission): Promise<RouteGuardResult<U>> {
    const user = await getUser();
    const refusal = authorise(user, permission);
    if (!refusal && user) return { ok: true, user };
    if (!refusal || refusal.reason === 'unauthenticated' || refusal.reason === 'deactivated') {
      return { ok: false, response: jsonError(401, 'unauthenticated', REFUSALS.unauthenticated) };
    }
    return { ok: false, response: jsonError(403, 'forbidden', refusal.message) };
  };
}

// ---------------------------------------------------------------------------------------------------------------
// FormData → plain object

type Def = { type: string; innerType?: z.ZodType; in?: z.ZodType; shape?: Record<string, z.ZodType> };

function defOf(schema: z.ZodType): Def {
  return schema._zod.def as unknown as Def;
}

/** Looks through optional/nullable/default/catch/readonly/pipe wrappers to the schema that decides the shape. */
function unwrap(schema: z.ZodType): Def {
  let def = defOf(schema);
  for (let depth = 0; depth < 20; depth++) {
    const next = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (!next) break;
    def = defOf(next);
  }
  return def;
}

/** Names of the fields an object schema declares as arrays (or sets). */
export function arrayFields(schema: z.ZodType | undefined): Set<string> {
  const fields = new Set<string>();
  if (!schema) return fields;
  const def = unwrap(schema);
  if (def.type !== 'object' || !def.shape) return fields;
  for (const [name, field] of Object.entries(def.shape)) {
    const type = unwrap(field).type;
    if (type === 'array' || type === 'set') fields.add(name);
  }
  return fields;
}

/**
 * `Object.fromEntries(formData)`, except that a repeated key keeps all its values when the schema declares that
 * field as an array (or the key ends in `[]`, which is stripped). An array field with no value at all (a group of
 * unticked checkboxes sends nothing) becomes `[]`. Next's own `$ACTION_*` keys are dropped.
 */
export function formDataToObject(
  formData: FormData,
  schema?: z.ZodType,
): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const arrays = arrayFields(schema);
  const out: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith('$ACTION')) continue;
    if (key.endsWith('[]')) out[key.slice(0, -2)] = formData.getAll(key);
    else if (arrays.has(key)) out[key] = formData.getAll(key);
    else out[key] = formData.get(key) as FormDataEntryValue;
  }
  for (const key of arrays) out[key] ??= [];
  return out;
}

const SECRET_FIELD = /password|secret|token/i;

/** Values to send back for refilling the form: text only, and never a password. */
export function refillableValues(
  raw: Record<string, FormDataEntryValue | FormDataEntryValue[]>,
): Record<string, FormValue> {
  const values: Record<string, FormValue> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (SECRET_FIELD.test(key)) continue;
    if (typeof value === 'string') values[key] = value;
    else if (Array.isArray(value))
      values[key] = value.filter((item): item is string => typeof item === 'string');
  }
  return values;
}
