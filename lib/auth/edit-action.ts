import 'server-only';
import { createEditAction } from '../data/editing.ts';
import { action } from './action.ts';

/**
 * The wrapper of every edit form's action: `action` plus the handling of a lost race, once (the saved values,
 * the three-way merge with the form's base, who made the other change). See createEditAction.
 *
 *   export const updateThing = editAction(
 *     { permission: 'write', schema: updateThingSchema, entityType: 'Thing', merge: THING_MERGE },
 *     async (input, { user }) => { await updateThingInDb(input, user.id); redirect(...); },
 *   );
 */
export const editAction = createEditAction(action);
