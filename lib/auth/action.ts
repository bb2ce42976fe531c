import 'server-only';
import { createAction, createRouteGuard, type RouteGuardResult } from './action-core.ts';
import type { Permission } from './permissions.ts';
import { getCurrentUser, type CurrentUser } from './session.ts';

/**
 * THE wrapper for every server action: authorise (signed in, active, permitted), then zod-parse the form, then
 * run; known errors (lib/errors.ts) become `{ ok: false, message }`.
 *
 *   export const renameThing = action({ permission: 'write', schema: renameThingSchema }, async (input, { user }) => {
 *     await renameThingInDb(input, user.id);   // one transaction, with its audit event
 *     revalidatePath('/things');
 *     return { message: 'Renamed.' };
 *   });
 */
export const action = createAction<CurrentUser>(() => getCurrentUser());

/**
 * For route handlers: `const guard = await routeGuard('export'); if (!guard.ok) return guard.response;`
 * (401 JSON without a valid session, 403 JSON when the role does not allow it).
 */
export const routeGuard = createRouteGuard<CurrentUser>(() => getCurrentUser());

/** A route handler that runs only for users holding `permission`; the same check as `routeGuard`. */
export function withPermission<C>(
  permission: Permission,
  handler: (request: Request, context: C, user: CurrentUser) => Response | Promise<Response>,
): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => {
    const guard: RouteGuardResult<CurrentUser> = await routeGuard(permission);
    if (!guard.ok) return guard.response;
    return handler(request, context, guard.user);
  };
}
