/**
 * Upstream chunks no check read (issue 10 §1): a chunk whose choice or tool-call `index` is not a
 * non-negative integer, or that lists one choice twice, is skipped as a malformed line (read as some
 * choice, it would mislabel one or merge two calls' arguments); on the Messages API a choice other than
 * choice 0 is not delivered either. Their text reached no check (and no client), so the status counts
 * them as a choice left unread (record.ts unreadChoices: TEXT unless another check is worse) and a schema
 * verdict cannot be `valid` (schemaCheck.ts withUnchecked), as for a non-streaming choice left unread.
 *
 *   const u = new UnreadChunks();
 *   const bad = badIndexOf(chunk); // 'a choice of index "1"'
 *   if (bad !== null) u.add(bad);
 *   u.text(); // '1 chunk(s) skipped unread, not checked: a choice of index "1" (1 chunk)'
 */
import { choiceIndexOf, isIndex } from './completion';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What is wrong with the chunk's indexes, as the artifact names it (null: nothing). A missing tool-call
 * index is resolved by ToolCallRepairers.indexOf. */
export function badIndexOf(chunk: Json): string | null {
  if (!Array.isArray(chunk.choices)) return null;
  const choices = chunk.choices as unknown[];
  for (let k = 0; k < choices.length; k++) {
    const ch = choices[k];
    if (!isObject(ch)) continue;
    const index = choiceIndexOf(ch, k);
    if (index === null) return `a choice of index ${indexText(ch.index)}`;
    // two entries for one choice in a chunk: which comes first is a guess (rare; a multi-choice chunk only)
    if (k > 0 && choices.some((o, j) => j < k && isObject(o) && choiceIndexOf(o, j) === index)) return `two choices of index ${index} in one chunk`;
    if (!isObject(ch.delta) || !Array.isArray(ch.delta.tool_calls)) continue;
    for (const tc of ch.delta.tool_calls as unknown[]) {
      if (isObject(tc) && 'index' in tc && !isIndex(tc.index)) return `a tool call of index ${indexText(tc.index)}`;
    }
  }
  return null;
}

/** A bad index as the artifact quotes it (bounded: an upstream's value may be anything). */
function indexText(v: unknown): string {
  return (JSON.stringify(v) ?? String(v)).slice(0, 40);
}

/** Kinds named in the artifact at most (further kinds are counted, not named). */
const MAX_KINDS = 10;

export class UnreadChunks {
  /** Chunks by what was wrong (the first MAX_KINDS kinds). */
  readonly kinds = new Map<string, number>();
  /** Every chunk counted. */
  count = 0;

  add(what: string): void {
    this.count++;
    const n = this.kinds.get(what);
    if (n !== undefined) this.kinds.set(what, n + 1);
    else if (this.kinds.size < MAX_KINDS) this.kinds.set(what, 1);
  }

  /** As the schema verdict names them ('' for none). */
  text(): string {
    if (this.count === 0) return '';
    const kinds = [...this.kinds].map(([what, n]) => `${what} (${n} chunk${n === 1 ? '' : 's'})`);
    const named = [...this.kinds.values()].reduce((a, b) => a + b, 0);
    if (named < this.count) kinds.push(`${this.count - named} more`);
    return `${this.count} chunk(s) skipped unread, not checked: ${kinds.join('; ')}`;
  }

  /** What the status counts (record.ts unreadChoices): a choice per kind, 0 when none. */
  get choices(): number {
    return this.count === 0 ? 0 : Math.max(1, this.kinds.size);
  }
}
