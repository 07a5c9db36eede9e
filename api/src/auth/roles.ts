/**
 * Who may do what. Roles are ordered: each one may do everything the ones before it may.
 * `viewer` reads, `analyst` also runs alerts and exports, `admin` also manages sources and keys.
 */
export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether a key with role `held` may call a route that needs `needed`. */
export function allows(held: Role, needed: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(needed);
}
