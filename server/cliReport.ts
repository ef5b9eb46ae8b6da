/** The human-readable `--report` of the CLI: one line per repair and per stripped span. Positions are
 * shown 1-based (line:column, as editors count); `--report=json` keeps the engine's 0-based values. */
import type { RepairResult } from '../shared/engine/types';

/** A short quoted excerpt: long text is cut in the middle of the quote, not silently. */
function quote(text: string, max = 40): string {
  const q = JSON.stringify(text);
  return q.length <= max ? q : `${q.slice(0, max - 2)}…"`;
}

export function formatReport(input: string, r: RepairResult): string {
  const lines: string[] = [];
  const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  lines.push(`status: ${r.status} (${plural(r.repairs.length, 'repair')}, ${plural(r.stripped.length, 'stripped span')})`);
  // Repairs and stripped spans merged in input order, so the report reads top to bottom.
  const entries: [number, string][] = [];
  for (const rep of r.repairs) {
    const was = input.slice(rep.offset, rep.offset + rep.length);
    entries.push([rep.offset, `  ${rep.line + 1}:${rep.column + 1} ${rep.kind}: ${quote(was)} -> ${quote(rep.replacement)} (${rep.message})`]);
  }
  for (const s of r.stripped) {
    entries.push([s.offset, `  ${s.line + 1}:${s.column + 1} stripped ${s.kind}: ${plural(s.length, 'char')} ${quote(s.text)}`]);
  }
  entries.sort((a, b) => a[0] - b[0]); // stable: a repair and a span at one offset keep their order
  for (const [, line] of entries) lines.push(line);
  if (r.error) lines.push(`  error ${r.error.code} at offset ${r.error.offset}: ${r.error.message}`);
  return lines.join('\n') + '\n';
}
