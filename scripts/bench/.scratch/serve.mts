import { ensureViewer, signIn, startApp } from '../app.ts';
const url = process.argv[2];
const port = Number(process.argv[3]);
const app = await startApp({
  port,
  databaseUrl: url,
  poolMax: 10,
  logFile: `/tmp/benchdev/serve-${port}.log`,
  log: console.log,
});
const viewer = await ensureViewer(url);
const cookie = await signIn(app.baseUrl, viewer);
console.log(JSON.stringify({ pid: app.serverPid, cookie }));
process.on('SIGTERM', async () => {
  await app.stop();
  process.exit(0);
});
setInterval(() => {}, 1000);
