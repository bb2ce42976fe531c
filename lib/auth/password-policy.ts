// Safe to import from client components (the forms show the rule as a hint); the server enforces it.

/** Passwords shorter than this are refused everywhere (admin screen, user:create, Better Auth itself). */
export const MIN_PASSWORD_LENGTH = 12;
/** Better Auth's own ceiling; scrypt over a megabyte of "password" would be a denial-of-service lever. */
export const MAX_PASSWORD_LENGTH = 128;
