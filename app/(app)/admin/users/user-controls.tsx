'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/forms/form-message';
import { controlClass } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { ROLES, ROLE_LABELS, type Role } from '@/lib/auth/permissions';
import { changeUserRole, deactivateUser, reactivateUser } from './actions';

type Target = { id: string; name: string; role: Role; active: boolean };

/** Role picker for one user; the server refuses to demote the last active admin whatever this shows. */
export function RoleForm({ user }: { user: Target }) {
  const [state, formAction] = useActionState(changeUserRole, null);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="userId" value={user.id} />
      <div className="flex items-center gap-2">
        <label className="sr-only" htmlFor={`role-${user.id}`}>
          Role of {user.name}
        </label>
        <div className="w-32 shrink-0">
          <select id={`role-${user.id}`} name="role" defaultValue={user.role} className={controlClass}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </div>
        <SubmitButton variant="secondary" pendingLabel="Saving…">
          <span>
            Save<span className="sr-only"> role of {user.name}</span>
          </span>
        </SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

/** Deactivate (ends every session of the user at once) or reactivate. */
export function StatusForm({ user }: { user: Target }) {
  const [state, formAction] = useActionState(user.active ? deactivateUser : reactivateUser, null);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="userId" value={user.id} />
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        <span>
          {user.active ? 'Deactivate' : 'Reactivate'}
          <span className="sr-only"> {user.name}</span>
        </span>
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
