import { prepareDatabase, DEFAULT_SERVER_URL } from '../database.ts';
const scale = Number(process.argv[2]);
const r = await prepareDatabase(DEFAULT_SERVER_URL, scale, {
  fresh: process.argv[3] === 'fresh',
  log: (l) => console.log(l),
});
console.log(r);
