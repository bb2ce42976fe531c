// How large an import may be (PACTWATCH_IMPORT_MAX_BYTES, default 5 MB), and sizes in words. Free of
// dependencies: the upload form checks the size in the browser before sending anything.

const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export function importMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.PACTWATCH_IMPORT_MAX_BYTES);
  return Number.isSafeInteger(value) && value > 0 ? value : DEFAULT_MAX_BYTES;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}

export function tooLargeMessage(size: number, maxBytes: number): string {
  return `The file is ${formatBytes(size)}, more than the ${formatBytes(maxBytes)} an import may be. Split it into smaller files.`;
}
