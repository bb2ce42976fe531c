import { updatesReportSelect, inlineSelect } from '../export.ts';
const s = await updatesReportSelect();
console.log(inlineSelect(s));
