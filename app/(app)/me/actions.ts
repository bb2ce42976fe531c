'use server';
// The signed-in user's own account. Through the action wrapper like every other write, with `read`, the least
// permission every active account holds: viewers change their own password too. No field names a user: each
// action acts on the session's user and nobody else.
import { action } from '@/lib/auth/action';
import { changeOwnPassword } from '@/lib/data/users';
import { changeOwnPasswordSchema } from '@/lib/validation/users';

export const changePassword = action(
  { permission: 'read', schema: changeOwnPasswordSchema },
  async (input, { user }) => {
    const { sessionsEnded } = await changeOwnPassword(
      {
        currentPassword: input.currentPassword,
        newPassword: input.newPassword,
        keepSessionId: input.sessionId,
      },
      user.id,
    );
    return {
      message:
        sessionsEnded > 0
          ? `Password changed. ${sessionsEnded === 1 ? 'Your other session was' : `Your ${sessionsEnded} other sessions were`} signed out; this one stays signed in.`
          : 'Password changed. You stay signed in here.',
    };
  },
);
