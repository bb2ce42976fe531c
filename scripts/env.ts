export function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error(
      'DATABASE_URL is not set. `npm start` runs an embedded database; other commands need DATABASE_URL.',
    );
    process.exit(2);
  }
  return url;
}
