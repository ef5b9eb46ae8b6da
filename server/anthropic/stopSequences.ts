/**
 * Watches the text the client gets for the request's `stop_sequences`, as Anthropic's API does: the text
 * ends before the first match and the answer says which sequence matched (`stop_reason:
 * "stop_sequence"`, `stop_sequence`). The first UPSTREAM_STOP_LIMIT also go upstream as the chat API's
 * `stop` (the model stops there instead of writing on), and the scanner still runs, so the text is exact
 * either way (an upstream that ignores `stop`, a fifth sequence). But the chat API answers a stop it made
 * with `finish_reason: "stop"`, the sequence left out, without saying whether, or which, a sequence matched:
 * upstreamStopSequence() reads what some upstreams add.
 *
 * A text piece may end with the start of a sequence (`"\n\nHu"` of `"\n\nHuman:"`): that tail is held
 * back until the next piece (or the end of the text) decides it.
 */
export interface StopScanner {
  /** Text that may go out now, and the sequence that matched (then nothing after it counts). */
  push(text: string): { text: string; matched: string | null };
  /** The held-back tail: the text ended without a match. */
  end(): string;
}

export function createStopScanner(sequences: readonly string[]): StopScanner {
  let held = '';
  const longest = sequences.reduce((n, s) => Math.max(n, s.length), 0);
  return {
    push(piece) {
      if (sequences.length === 0) return { text: piece, matched: null };
      const text = held + piece;
      let at = -1;
      let matched: string | null = null;
      for (const s of sequences) {
        const i = text.indexOf(s);
        // the earliest match wins; at the same place, the longer sequence
        if (i >= 0 && (at < 0 || i < at || (i === at && s.length > matched!.length))) {
          at = i;
          matched = s;
        }
      }
      if (matched !== null) {
        held = '';
        return { text: text.slice(0, at), matched };
      }
      // hold the longest tail that is a proper prefix of some sequence
      let keep = 0;
      for (let n = Math.min(longest - 1, text.length); n > 0 && keep === 0; n--) {
        const tail = text.slice(text.length - n);
        if (sequences.some((s) => s.startsWith(tail))) keep = n;
      }
      held = text.slice(text.length - keep);
      return { text: text.slice(0, text.length - keep), matched: null };
    },
    end() {
      const rest = held;
      held = '';
      return rest;
    },
  };
}

/** How many sequences go upstream as `stop`: OpenAI's chat API takes at most 4 (its schema's maxItems),
 * and OpenRouter passes `stop` to providers that hold to it. */
export const UPSTREAM_STOP_LIMIT = 4;

/**
 * Whether the upstream's finishing choice says a stop sequence ended it: the sequence (vLLM's
 * `stop_reason`, SGLang's `matched_stop`: the string that matched), `null` when it says a sequence did but
 * not which (OpenRouter's `native_finish_reason: "stop_sequence"` with more than one sequence sent; with
 * one, it is that one), `undefined` when it does not say (a plain `finish_reason: "stop"`: the model may
 * just have ended, so the answer says `end_turn`).
 */
export function upstreamStopSequence(choice: Record<string, unknown>, sequences: readonly string[]): string | null | undefined {
  if (choice.finish_reason !== 'stop' || sequences.length === 0) return undefined;
  const sent = sequences.slice(0, UPSTREAM_STOP_LIMIT);
  for (const k of ['stop_reason', 'matched_stop'] as const) {
    const v = choice[k];
    if (typeof v === 'string' && sent.includes(v)) return v;
  }
  if (choice.native_finish_reason === 'stop_sequence') return sent.length === 1 ? sent[0]! : null;
  return undefined;
}
