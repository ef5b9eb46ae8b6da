/**
 * Runs the fifth new-user trial: every text one-shot and streamed (every split point into two chunks, plus
 * one character at a time), judging the value (and the exact text where a row pins it) AND the status;
 * prints a table per category and every miss as markdown.
 * Usage: node --import tsx test/engine/trial5/run.ts [1|2|all]   (round 1, the default; round 2; both)
 */
import { isDeepStrictEqual } from 'node:util';
import { createStreamRepairer, repairJson } from '../../../shared/engine';
import { trial5Cases as round1 } from './cases';
import { trial5Round2 } from './cases2';

const trial5Cases = process.argv[2] === '2' ? trial5Round2 : process.argv[2] === 'all' ? [...round1, ...trial5Round2] : round1;

function streamed(chunks: string[]): { json: string; status: string } {
  const s = createStreamRepairer();
  let out = '';
  for (const c of chunks) out += s.push(c).output;
  const end = s.end();
  return { json: end.status === 'FAILED' ? '' : out + end.final, status: end.status };
}

const rows = new Map<string, { n: number; value: number; both: number; streamDiff: number }>();
const misses: string[] = [];
const diffs: string[] = [];
for (const [i, c] of trial5Cases.entries()) {
  const row = rows.get(c.category) ?? { n: 0, value: 0, both: 0, streamDiff: 0 };
  rows.set(c.category, row);
  row.n++;
  let got: string | null = null;
  let status = '';
  let stripped = '';
  try {
    const r = repairJson(c.text);
    got = r.json;
    status = r.status;
    stripped = r.stripped.map((s) => `${s.kind} ${JSON.stringify(s.text.length > 80 ? s.text.slice(0, 80) + '…' : s.text)}`).join('; ');
  } catch (e) {
    status = `THREW ${(e as Error).message}`;
  }
  let ok = false;
  try {
    ok = c.value === null ? got === null : got !== null && isDeepStrictEqual(JSON.parse(got), c.value) && (c.json === undefined || c.json === got);
  } catch {
    ok = false;
  }
  if (ok) row.value++;
  if (ok && status === c.status) row.both++;
  const show = (t: string | null) => (t !== null && t.length > 300 ? t.slice(0, 300) + '…' : t);
  if (!ok || status !== c.status)
    misses.push(`### #${i} ${c.category} / ${c.name} (${status}, expected ${c.status}${ok ? '; value right' : ''})\n\n\`\`\`\`text\n${show(c.text)}\n\`\`\`\`\n\ngot: \`${show(got)}\`\n\nexpected: \`${show(JSON.stringify(c.value))}\`\n\nstripped: ${stripped}\n`);
  const bad: string[] = [];
  for (let k = 1; k < c.text.length; k++) {
    const s = streamed([c.text.slice(0, k), c.text.slice(k)]);
    if (s.json !== (got ?? '') || s.status !== status) bad.push(`split ${k}: ${s.status} ${s.json}`);
  }
  const one = streamed(c.text.split(''));
  if (one.json !== (got ?? '') || one.status !== status) bad.push(`1-char: ${one.status} ${one.json}`);
  if (bad.length) {
    row.streamDiff++;
    diffs.push(`### #${i} ${c.category} / ${c.name}: one-shot ${status} \`${got}\`; ${bad.length} streamed runs differ, first: \`${bad[0]}\`\n`);
  }
}
let total = 0;
let value = 0;
let both = 0;
console.log('| category | value right / n | % | value and status right | % | streaming ≠ one-shot |\n|---|---|---|---|---|---|');
for (const [cat, r] of rows) {
  total += r.n;
  value += r.value;
  both += r.both;
  console.log(`| ${cat} | ${r.value} / ${r.n} | ${((100 * r.value) / r.n).toFixed(1)} | ${r.both} / ${r.n} | ${((100 * r.both) / r.n).toFixed(1)} | ${r.streamDiff} |`);
}
console.log(`| **all** | ${value} / ${total} | ${((100 * value) / total).toFixed(1)} | ${both} / ${total} | ${((100 * both) / total).toFixed(1)} | ${diffs.length} |`);
console.log('\n## Misses\n');
console.log(misses.join('\n'));
console.log('\n## Streaming differences\n');
console.log(diffs.join('\n') || 'none');
