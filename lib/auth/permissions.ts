// Who may do what. Pure (no Next, no database) so pages, actions, route handlers, client components and tests
// share one definition. Roles are ordered: each one can do everything the one below it can.

export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = ['read', 'export', 'write', 'manage_users', 'manage_categories'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The least role that holds each permission. */
const MINIMUM_ROLE: Record<Permission, Role> = {
  read: 'viewer',
  export: 'viewer',
  write: 'analyst',
  manage_users: 'admin',
  manage_categories: 'admin',
};

export const ROLE_LABELS: Record<Role, string> = { viewer: 'Viewer', analyst: 'Analyst', admin: 'Admin' };

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: 'Reads and exports.',
  analyst: 'Also logs follow-ups and edits agreements and commitments.',
  admin: 'Also manages users and categories.',
};

/** The user as the authorisation checks see it. */
export type Principal = {
  id: string;
  role: Role;
  /** Set while the account is deactivated: it may do nothing at all. */
  deactivatedAt?: Date | string | null;
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

export function minimumRole(permission: Permission): Role {
  return MINIMUM_ROLE[permission];
}

/** Whether `role` is `required` or above it. */
function hasRole(role: Role, required: Role): boolean {
  return roleRank(role) >= roleRank(required);
}

/** Whether this user may do this now. No user, an unknown role or a deactivated account: never. */
export function can(user: Principal | null | undefined, permission: Permission): boolean {
  if (!user || user.deactivatedAt || !isRole(user.role)) return false;
  return hasRole(user.role, MINIMUM_ROLE[permission]);
}
