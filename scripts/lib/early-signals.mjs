// Preloaded by `npm start` (`node --import ./scripts/lib/early-signals.mjs --import tsx scripts/start.ts`), in
// plain JavaScript so it runs before tsx and start.ts's imports load: on a busy machine that takes seconds, and a
// SIGINT/SIGTERM/SIGHUP meanwhile would kill Node by the default action (exit 130/143/129, a failure to npm, CI or
// `docker stop`) although nothing has been started yet. Until start.ts installs its own handlers, such a signal
// ends the process with 0; from then on this handler steps aside and start.ts stops what it started, in order.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (process.listenerCount(signal) > 1) return;
    console.log(`[pactwatch] ${signal} received while loading; nothing was started yet`);
    console.log('[pactwatch] stopped');
    process.exit(0);
  });
}
