/**
 * Runs the third new-user trial: every text one-shot and streamed (every split point, or 50 seeded
 * random splits for texts over 1500 characters, plus one character at a time), and prints a table per
 * category and every miss as markdown.
 * Usage: node --import tsx test/engine/trial3/run.ts [1|2|all]   (round 1, round 2, both)
 */
import { isDeepStrictEqual } from 'node:util';
import { createStreamRepairer, repairJson } from '../../../shared/engine';
import { TRIAL3_CASES } from './cases';
import { TRIAL3_ROUND2 } from './cases2';

const CASES = process.argv[2] === '2' ? TRIAL3_ROUND2 : process.argv[2] === 'all' ? [...TRIAL3_CASES, ...TRIAL3_ROUND2] : TRIAL3_CASES;

function streamed(chunks: string[]): { json: string; status: string } {
  const s = createStreamRepairer();
  let out = '';
  for (const c of chunks) out += s.push(c).output;
  const end = s.end();
  return { json: out + end.final, status: end.status };
}

let seed = 12345;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

const rows = new Map<string, { n: number; right: number; streamDiff: number }>();
const misses: string[] = [];
const diffs: string[] = [];
for (const [i, c] of CASES.entries()) {
  const row = rows.get(c.category) ?? { n: 0, right: 0, streamDiff: 0 };
  rows.set(c.category, row);
  row.n++;
  let got: string | null = null;
  let status = '';
  try {
    const r = repairJson(c.text);
    got = r.json;
    status = r.status;
  } catch (e) {
    status = `THREW ${(e as Error).message}`;
  }
  let ok = false;
  try {
    ok = got !== null && isDeepStrictEqual(JSON.parse(got), c.expected);
  } catch {
    ok = false;
  }
  if (ok) row.right++;
  else misses.push(`### #${i} ${c.category} (${status})\n\ntext:\n\n\`\`\`\`text\n${c.text}\n\`\`\`\`\n\ngot: \`${got}\`\n\nexpected: \`${JSON.stringify(c.expected)}\`\n`);
  const splits: number[] = [];
  if (c.text.length <= 1500) for (let k = 1; k < c.text.length; k++) splits.push(k);
  else for (let k = 0; k < 50; k++) splits.push(1 + Math.floor(rand() * (c.text.length - 1)));
  const bad: string[] = [];
  for (const k of splits) {
    const s = streamed([c.text.slice(0, k), c.text.slice(k)]);
    if (s.json !== got || s.status !== status) bad.push(`split ${k}: ${s.status} ${s.json}`);
  }
  const one = streamed(c.text.split(''));
  if (one.json !== got || one.status !== status) bad.push(`1-char: ${one.status} ${one.json}`);
  if (bad.length) {
    row.streamDiff++;
    diffs.push(`### #${i} ${c.category}: one-shot ${status} \`${got}\`; ${bad.length} streamed runs differ, first: \`${bad[0]}\`\n`);
  }
}
let total = 0;
let right = 0;
console.log('| category | right / n | % | streaming ≠ one-shot |\n|---|---|---|---|');
for (const [cat, r] of rows) {
  total += r.n;
  right += r.right;
  console.log(`| ${cat} | ${r.right} / ${r.n} | ${((100 * r.right) / r.n).toFixed(1)} | ${r.streamDiff} |`);
}
console.log(`| **all** | ${right} / ${total} | ${((100 * right) / total).toFixed(1)} | ${diffs.length} |`);
console.log('\n## Misses\n');
console.log(misses.join('\n'));
console.log('\n## Streaming differences\n');
console.log(diffs.join('\n') || 'none');
