// Next's server sets globalThis.AsyncLocalStorage before any of its request stores is created; without it they are
// inert stand-ins. Import this first in a test that runs code inside a (simulated) Next request.
import { AsyncLocalStorage } from 'node:async_hooks';

(globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage ??= AsyncLocalStorage;
