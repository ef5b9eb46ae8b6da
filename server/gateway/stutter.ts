/**
 * Undoing "stuttering": some upstreams send the whole content so far in every delta (cumulative) instead
 * of the new part. Real text repeats itself too (`ha`, `haha`, `!` is `hahaha!`), so a delta is cut only
 * once the upstream is known to be cumulative, on evidence real text does not give: STUTTER_STEPS
 * consecutive deltas that each repeat the whole content before them (at least STUTTER_MIN_PREFIX
 * characters of it) and add to it. Until that evidence is complete, deltas that might be cumulative are
 * held back, neither cut nor sent; a delta that breaks the chain releases them as the real text they
 * then were, and so does the end of the stream. Nothing real is ever cut; the price is a few held
 * chunks at the start of a cumulative stream, and a short cumulative answer delivered as sent.
 */

/** Shortest repeated content that counts as evidence: real tokens this long rarely repeat everything before them. */
export const STUTTER_MIN_PREFIX = 8;
/** Deltas repeating at least STUTTER_MIN_PREFIX characters, in a row, that make an upstream cumulative. */
export const STUTTER_STEPS = 3;

/** The content passed on so far (the caller appends every text push/end return, before the next push);
 * the gateway's is the artifact's bounded copy, which compares what it keeps (boundedText.ts). */
export interface SoFar {
  readonly length: number;
  /** Whether `s` starts with the whole content. */
  isPrefixOf(s: string): boolean;
}

export interface Destutterer {
  /** One upstream delta in; the new text to pass on ('' while deltas are held). */
  push(delta: string): string;
  /** The stream ended: the held deltas, as the real text they were. */
  end(): string;
  /** The upstream was recognised as cumulative. */
  readonly cumulative: boolean;
}

/** Whether `d` repeats all of `before` (non-empty) and adds to it. */
function extendsText(d: string, before: string): boolean {
  return before.length > 0 && d.length > before.length && d.startsWith(before);
}

/** Whether `d` starts with the content passed on (`passedLength` characters: `isPrefix` checks it). */
type PrefixCheck = (d: string) => boolean;

/**
 * @example const s = createDestutterer(text); s.push('ha') === 'ha'; s.push('haha') === ''; s.push('!') === 'haha!'
 */
export function createDestutterer(soFar: SoFar): Destutterer {
  let cumulative = false;
  // Deltas held since the first one that repeated all the content passed on, each repeating the one
  // before it: under the cumulative reading the content is the last of them, under the delta reading
  // the passed-on content plus all of them. Held across pushes until the evidence decides.
  const chain: string[] = [];
  // Steps of the chain that repeated at least STUTTER_MIN_PREFIX characters.
  let counted = 0;

  const release = (): string => {
    const s = chain.join('');
    chain.length = 0;
    counted = 0;
    return s;
  };

  // A delta after `passed` (the content passed on, plus what this push already released): passed on,
  // held as the start of a chain, or (cumulative) cut to its new part.
  const fresh = (d: string, isPrefix: PrefixCheck, passedLength: number): string => {
    if (cumulative) {
      // once cumulative, a delta that does not repeat the content is still taken whole, never dropped
      return d.length >= passedLength && passedLength > 0 && isPrefix(d) ? d.slice(passedLength) : d;
    }
    if (passedLength > 0 && d.length > passedLength && isPrefix(d)) {
      chain.push(d);
      counted = passedLength >= STUTTER_MIN_PREFIX ? 1 : 0;
      return '';
    }
    return d;
  };

  // made once: a closure per push was garbage on every delta
  const passedOn: PrefixCheck = (d) => soFar.isPrefixOf(d);

  return {
    get cumulative() {
      return cumulative;
    },
    push(delta) {
      if (delta === '') return '';
      if (chain.length === 0) return fresh(delta, passedOn, soFar.length);
      const last = chain[chain.length - 1]!;
      if (extendsText(delta, last)) {
        chain.push(delta);
        if (last.length >= STUTTER_MIN_PREFIX) counted++;
        if (counted < STUTTER_STEPS) return '';
        // cumulative: the chain started by repeating everything passed on, so its new part is past that
        cumulative = true;
        chain.length = 0;
        counted = 0;
        return delta.slice(soFar.length);
      }
      const released = release();
      const before = soFar.length + released.length;
      return released + fresh(delta, (d) => soFar.isPrefixOf(d) && d.startsWith(released, soFar.length), before);
    },
    end() {
      return release();
    },
  };
}
