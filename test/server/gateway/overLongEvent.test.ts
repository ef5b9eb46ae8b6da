/**
 * An upstream SSE event over the decoder's bound, in the rewriting modes: the client gets every event
 * before and after it exactly, and an error event in its place, whatever the line ends (LF, CRLF, CR
 * only) and wherever the reads split the stream; passthrough forwards the bytes and the rewriter only counts.
 */
import { strict as assert } from 'node:assert';
import { OVER_LONG_CODE, overLongBody, ReadRewriter, StreamRewriter } from '../../../server/gateway/streamRewrite';

const MAX = 100;
const ev = (content: string) => JSON.stringify({ choices: [{ index: 0, delta: { content } }] });

function run(mode: 'strip' | 'repair' | 'passthrough', reads: Buffer[]): { out: string; overLong: number; malformed: number } {
  const rw = new StreamRewriter(mode, { onRepair: () => undefined });
  const r = new ReadRewriter(rw, MAX);
  let out = '';
  for (const b of reads) {
    const o = r.read(b);
    if (o !== null) out += typeof o === 'string' ? o : o.toString('latin1');
  }
  out += r.end();
  return { out, overLong: rw.overLong, malformed: rw.malformed };
}

describe('gateway: an upstream event over the SSE bound', () => {
  const events = [ev('{'), ev('x'.repeat(2 * MAX)), ev('}'), '[DONE]'];
  const error = `data: ${JSON.stringify(overLongBody(MAX))}\n\n`;
  assert.equal(overLongBody(MAX).error.code, OVER_LONG_CODE);

  for (const [name, eol] of [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ] as const) {
    const bytes = Buffer.from(events.map((e) => `data: ${e}${eol}${eol}`).join(''));
    it(`strip: an error event takes its place, every other event exact (${name} line ends), at every split`, () => {
      const want = `data: ${ev('{')}\n\n${error}data: ${ev('}')}\n\ndata: [DONE]\n\n`;
      for (let i = 0; i <= bytes.length; i++) {
        assert.deepEqual(run('strip', [bytes.subarray(0, i), bytes.subarray(i)]), { out: want, overLong: 1, malformed: 1 }, `split at ${i}`);
      }
    });

    it(`passthrough: nothing in its place, only counted (${name} line ends), at every split`, () => {
      for (let i = 0; i <= bytes.length; i++) {
        assert.deepEqual(run('passthrough', [bytes.subarray(0, i), bytes.subarray(i)]), { out: '', overLong: 1, malformed: 1 }, `split at ${i}`);
      }
    });
  }

  it('repair: the same, the content around it repaired', () => {
    const bytes = Buffer.from([ev('[1,'), ev('x'.repeat(2 * MAX)), ev('2]'), '[DONE]'].map((e) => `data: ${e}\n\n`).join(''));
    for (let i = 0; i <= bytes.length; i++) {
      assert.deepEqual(run('repair', [bytes.subarray(0, i), bytes.subarray(i)]), { out: `data: ${ev('[1')}\n\n${error}data: ${ev(',2]')}\n\ndata: [DONE]\n\n`, overLong: 1, malformed: 1 }, `split at ${i}`);
    }
  });

  for (const [name, eol] of [
    ['LF', '\n'],
    ['CR', '\r'],
  ] as const) {
    it(`an endless line without a separator is skipped once past the bound, and the stream goes on (${name})`, () => {
      const rw = new StreamRewriter('strip', { onRepair: () => undefined });
      const r = new ReadRewriter(rw, MAX);
      let out = '';
      const add = (o: Buffer | string | null) => (out += o === null ? '' : o.toString());
      add(r.read(Buffer.from(`data: ${ev('{')}${eol}${eol}data: `)));
      for (let i = 0; i < 1000; i++) add(r.read(Buffer.from('y'.repeat(50))));
      add(r.read(Buffer.from(`${eol}${eol}data: ${ev('}')}${eol}${eol}data: [DONE]${eol}${eol}`)));
      add(r.end());
      assert.equal(out, `data: ${ev('{')}\n\n${error}data: ${ev('}')}\n\ndata: [DONE]\n\n`);
      assert.equal(rw.overLong, 1);
    });
  }
});
