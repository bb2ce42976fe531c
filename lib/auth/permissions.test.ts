import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES, can, type Permission, type Role } from './permissions.ts';

// The whole matrix, written out: a change to who may do what must change this table on purpose.
const MATRIX: Record<Role, Permission[]> = {
  viewer: ['read', 'export'],
  analyst: ['read', 'export', 'write'],
  admin: ['read', 'export', 'write', 'manage_users', 'manage_categories'],
};

describe('can', () => {
  it.each(ROLES.flatMap((role) => PERMISSIONS.map((permission) => [role, permission] as const)))(
    '%s → %s',
    (role, permission) => {
      expect(can({ id: 'u', role }, permission)).toBe(MATRIX[role].includes(permission));
    },
  );

  it('refuses everything to nobody, a deactivated user and an unknown role', () => {
    for (const permission of PERMISSIONS) {
      expect(can(null, permission)).toBe(false);
      expect(can({ id: 'u', role: 'admin', deactivatedAt: new Date() }, permission)).toBe(false);
      expect(can({ id: 'u', role: 'owner' as Role }, permission)).toBe(false);
    }
  });
});
