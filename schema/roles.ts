// Who may ask for what: the access roles, ranked from least to most trusted. Pure, so the core and every layer share it.

/** In rising order of trust: each role may do everything the roles before it may. */
export const ROLES = ['public', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** Whether `role` may do what `needed` may: a higher rank includes every lower one. */
export const outranksOrEquals = (role: Role, needed: Role): boolean => ROLES.indexOf(role) >= ROLES.indexOf(needed);
