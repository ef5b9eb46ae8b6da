/** Driving the gateway's stream rewriter in-process, as the gateway reads an upstream body. */
import { ReadRewriter, type StreamRewriter } from '../../../server/gateway/streamRewrite';

/**
 * The client's text for `body` read by a ReadRewriter over `rw` in pieces cut at `cuts` (ascending byte
 * offsets; a cut may fall inside a character or an event), then the reader's end.
 *   readThrough(new StreamRewriter('repair', { onRepair() {} }), body, [k])   // two reads, cut at k
 */
export function readThrough(rw: StreamRewriter, body: Buffer, cuts: number[]): string {
  const reader = new ReadRewriter(rw);
  let out = '';
  let at = 0;
  for (const c of [...cuts, body.length]) {
    const r = reader.read(body.subarray(at, c));
    if (r !== null) out += r.toString();
    at = c;
  }
  return out + reader.end();
}
