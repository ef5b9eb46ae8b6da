/**
 * Runs the seventh new-user trial (cases.ts): every text one-shot, one-shot with `takeCorrections`, and
 * streamed (every split point into two chunks, sampled for texts over 4,000 characters, plus one character at
 * a time), judging the value against the hand-written `want`/`alsoOk` AND the status; prints a table per
 * category and every miss as markdown.
 * Usage: node --import tsx test/engine/trial7/run.ts
 */
import { isDeepStrictEqual } from 'node:util';
import { repairJson, createStreamRepairer, type RepairResult } from '../../../shared/engine';
import { TRIAL7_CASES, type Trial7Case } from './cases';

interface Outcome { json: string | null; status: string }

function judge(c: Trial7Case, o: Outcome): boolean {
  const statuses = Array.isArray(c.status) ? c.status : [c.status];
  if (!statuses.includes(o.status as never)) return false;
  if (c.status === 'FAILED' || (Array.isArray(c.status) && c.status.length === 1 && c.status[0] === 'FAILED')) return o.json === null;
  if (o.json === null) return false;
  let v: unknown;
  try { v = JSON.parse(o.json); } catch { return false; }
  return [c.want, ...(c.alsoOk ?? [])].some((w) => isDeepStrictEqual(v, w));
}

function streamed(text: string, cuts: number[]): Outcome {
  const s = createStreamRepairer();
  let out = '';
  let at = 0;
  for (const cut of cuts) { out += s.push(text.slice(at, cut)).output; at = cut; }
  out += s.push(text.slice(at)).output;
  const e = s.end();
  if (e.json !== null && out + e.final !== e.json) throw new Error('outputs + final != end.json');
  return { json: e.json, status: e.status };
}

function splitPoints(n: number): number[] {
  if (n <= 4000) return Array.from({ length: n + 1 }, (_, i) => i);
  const pts = new Set<number>();
  for (let i = 0; i <= 200; i++) pts.add(Math.round((n * i) / 200));
  for (let i = 0; i < 200; i++) { pts.add(i); pts.add(n - i); }
  return [...pts].filter((p) => p >= 0 && p <= n).sort((a, b) => a - b);
}

export interface Trial7Row { c: Trial7Case; one: RepairResult; tc: RepairResult; oneOk: boolean; tcOk: boolean; streamSame: boolean; firstDiff?: string }

export function runTrial7(cases: Trial7Case[] = TRIAL7_CASES): Trial7Row[] {
  return cases.map((c) => {
    const one = repairJson(c.text);
    const tc = repairJson(c.text, { takeCorrections: true });
    let streamSame = true;
    let firstDiff: string | undefined;
    const check = (o: Outcome, how: string) => {
      if (streamSame && (o.json !== one.json || o.status !== one.status)) {
        streamSame = false;
        firstDiff = `${how}: ${o.status} ${o.json?.slice(0, 80)}`;
      }
    };
    for (const p of splitPoints(c.text.length)) check(streamed(c.text, [p]), `split ${p}`);
    const chars = Array.from({ length: c.text.length - 1 }, (_, i) => i + 1);
    check(streamed(c.text, chars), 'char by char');
    return { c, one, tc, oneOk: judge(c, one), tcOk: judge(c, tc), streamSame, firstDiff };
  });
}

function pct(a: number, b: number): string { return `${a}/${b} (${((100 * a) / b).toFixed(1)}%)`; }

if (process.argv[1] && /trial7[\\/]run\.ts$/.test(process.argv[1])) {
  const rows = runTrial7();
  const cats = [...new Set(rows.map((r) => r.c.category))];
  console.log('| category | n | one-shot (= streamed) | takeCorrections | streamed == one-shot |');
  console.log('|---|---|---|---|---|');
  for (const cat of cats) {
    const rs = rows.filter((r) => r.c.category === cat);
    console.log(`| ${cat} | ${rs.length} | ${pct(rs.filter((r) => r.oneOk && r.streamSame).length, rs.length)} | ${pct(rs.filter((r) => r.tcOk).length, rs.length)} | ${pct(rs.filter((r) => r.streamSame).length, rs.length)} |`);
  }
  console.log(`| **all** | ${rows.length} | ${pct(rows.filter((r) => r.oneOk && r.streamSame).length, rows.length)} | ${pct(rows.filter((r) => r.tcOk).length, rows.length)} | ${pct(rows.filter((r) => r.streamSame).length, rows.length)} |`);
  console.log('\nMisses:');
  for (const r of rows) {
    if (r.oneOk && r.tcOk && r.streamSame) continue;
    console.log(`\n### ${r.c.id} (${r.c.category})${r.oneOk ? '' : ' one-shot MISS'}${r.tcOk ? '' : ' takeCorrections MISS'}${r.streamSame ? '' : ' STREAM DIFFERS'}`);
    console.log('text: ' + JSON.stringify(r.c.text.length > 300 ? r.c.text.slice(0, 300) + '…' : r.c.text));
    console.log(`want: ${JSON.stringify(r.c.want)?.slice(0, 200)} ${JSON.stringify(r.c.status)}`);
    console.log(`got:  ${r.one.status} ${r.one.json?.slice(0, 200)}`);
    if (!r.tcOk) console.log(`tc:   ${r.tc.status} ${r.tc.json?.slice(0, 200)}`);
    if (!r.streamSame) console.log(`stream: ${r.firstDiff}`);
  }
}
