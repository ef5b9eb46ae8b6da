/**
 * Watches the text the client gets for the request's `stop_sequences`, as Anthropic's API does: the text
 * ends before the first match and the answer says which sequence matched (`stop_reason:
 * "stop_sequence"`, `stop_sequence`). Done here rather than upstream because the chat API's `stop`
 * answers `finish_reason: "stop"` without saying whether, or which, a sequence matched.
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
