'use server';
// Admin screen writes. Each goes through the action wrapper (admins only: `manage_users`) and one lib/data/users.ts
// mutation that writes its audit event in the same transaction.
import { revalidatePath } from 'next/cache';
import { action } from '@/lib/auth/action';
import { generatePassword } from '@/lib/auth/credentials';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import {
  createUserWithPassword,
  deactivateUser as deactivateUserRecord,
  reactivateUser as reactivateUserRecord,
  resetUserPassword as resetUserPasswordRecord,
  updateUserRole,
} from '@/lib/data/users';
import {
  changeRoleSchema,
  createUserSchema,
  resetPasswordSchema,
  userIdSchema,
} from '@/lib/validation/users';

const USERS_PATH = '/admin/users';

export const createUser = action(
  { permission: 'manage_users', schema: createUserSchema },
  async (input, { user }) => {
    const generated = input.password ? null : generatePassword();
    const created = await createUserWithPassword(
      { ...input, password: generated ?? input.password },
      user.id,
    );
    revalidatePath(USERS_PATH);
    return {
      message: `Created ${created.email} (${ROLE_LABELS[created.role]}).`,
      userId: created.id,
      // Shown once on the admin's screen so they can hand it over; it is stored only as a hash and never logged.
      generatedPassword: generated,
    };
  },
);

export const changeUserRole = action(
  { permission: 'manage_users', schema: changeRoleSchema },
  async (input, { user }) => {
    const updated = await updateUserRole(input, user.id);
    revalidatePath(USERS_PATH);
    return { message: `${updated.name} is now ${ROLE_LABELS[updated.role].toLowerCase()}.` };
  },
);

export const deactivateUser = action(
  { permission: 'manage_users', schema: userIdSchema },
  async (input, { user }) => {
    const updated = await deactivateUserRecord(input, user.id);
    revalidatePath(USERS_PATH);
    return { message: `${updated.name} is deactivated and signed out everywhere.` };
  },
);

export const reactivateUser = action(
  { permission: 'manage_users', schema: userIdSchema },
  async (input, { user }) => {
    const updated = await reactivateUserRecord(input, user.id);
    revalidatePath(USERS_PATH);
    return { message: `${updated.name} can sign in again.` };
  },
);

/** A new password for someone else (typed, or generated and shown once); they are signed out everywhere. */
export const resetUserPassword = action(
  { permission: 'manage_users', schema: resetPasswordSchema },
  async (input, { user }) => {
    const generated = input.password ? null : generatePassword();
    const { user: target } = await resetUserPasswordRecord(
      { userId: input.userId, password: generated ?? input.password, generated: generated !== null },
      user.id,
    );
    revalidatePath(USERS_PATH);
    return {
      message: `New password set for ${target.name}; they are signed out everywhere.`,
      // Shown once on the admin's screen so they can hand it over; it is stored only as a hash and never logged.
      generatedPassword: generated,
    };
  },
);
