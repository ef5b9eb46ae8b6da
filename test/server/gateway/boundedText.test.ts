/** The artifact's bounded copy of a stream's text: head and tail kept, the cut recorded, at any chunking. */
import { strict as assert } from 'node:assert';
import { BoundedText, clipText, SEAM, SEAM_CONTEXT, type TextCut } from '../../../server/gateway/boundedText';
import { BoundedText as EngineText } from '../../../shared/engine/boundedText';
import type { ArtifactCut } from '../../../shared/protocol';

const ABC = 'abcdefghijklmnopqrstuvwxyz';

function chunked(text: string, size: number, limit: number): BoundedText {
  const t = new BoundedText(limit);
  for (let i = 0; i < text.length; i += size) t.add(text.slice(i, i + size));
  return t;
}

describe('gateway/boundedText', () => {
  it('keeps a text within the limit whole, at every chunk size', () => {
    for (let size = 1; size <= 8; size++) {
      const t = chunked('abcdefgh', size, 8);
      assert.equal(t.toString(), 'abcdefgh');
      assert.equal(t.cutChars, 0);
      assert.deepEqual(t.cuts('rawContent'), []);
    }
  });

  it('keeps the head and the tail of a longer text and records the cut, at every chunk size', () => {
    for (let size = 1; size <= ABC.length; size++) {
      const t = chunked(ABC, size, 8);
      assert.equal(t.length, 26, `size ${size}`);
      assert.equal(t.toString(), 'abcdwxyz', `size ${size}`);
      assert.deepEqual(t.cuts('rawContent', 10), [{ field: 'rawContent', at: 14, chars: 18 }], `size ${size}`);
    }
  });

  it('keeps the seam characters just before the kept tail, never shown, at every chunk size and length', () => {
    const text = Array.from({ length: 200 }, (_, i) => String.fromCharCode(0x41 + (i % 58))).join('');
    for (const seam of [1, 3, 5, 40]) {
      for (let n = 0; n <= text.length; n += 7) {
        for (const size of [1, 2, 3, 5, 8, 13, 64, 200]) {
          const t = new EngineText(8, seam);
          for (let i = 0; i < n; i += size) t.add(text.slice(i, Math.min(n, i + size)));
          const whole = text.slice(0, n);
          const where = `seam ${seam}, ${n} characters, chunks of ${size}`;
          assert.equal(t.toString(), n <= 8 ? whole : whole.slice(0, 4) + whole.slice(n - 4), where);
          assert.equal(t.before(), n <= 8 ? '' : whole.slice(Math.max(0, n - 4 - seam), n - 4), where);
          const cuts = t.cuts('rawContent');
          assert.deepEqual(cuts, n <= 8 ? [] : [{ field: 'rawContent', at: 4, chars: n - 8 }], where);
          if (n > 8) assert.equal(cuts[0]![SEAM], t.before(), where);
        }
      }
    }
    // the engine's (the reasoning scanner's) keeps none; the gateway's keeps SEAM_CONTEXT, never serialized
    const none = chunked(ABC, 3, 8);
    assert.equal(none.seam, SEAM_CONTEXT);
    assert.equal(new EngineText(8).seam, 0);
    const e = new EngineText(8);
    e.add(ABC);
    assert.equal(e.before(), '');
    assert.equal((e.cuts('x')[0] as TextCut)[SEAM], undefined);
    assert.equal(JSON.stringify(none.cuts('rawContent')), '[{"field":"rawContent","at":4,"chars":18}]');
    assert.equal(none.cuts('rawContent')[0]![SEAM], 'abcdefghijklmnopqrstuv');
  });

  it('holds at most 1.5 times the limit however long the text grows', () => {
    const t = new BoundedText(1000);
    for (let i = 0; i < 100_000; i++) t.add('0123456789');
    assert.equal(t.length, 1_000_000);
    assert.equal(t.toString(), '0123456789'.repeat(100));
    assert.equal(t.cutChars, 999_000);
    // what it holds inside: head + tail + recent
    const inner = t as unknown as { head: string; tail: string; recent: string };
    assert.ok(inner.head.length + inner.tail.length + inner.recent.length <= 1500);
  });

  it('tells whether a text starts with everything added (stuttering upstreams), cut or not', () => {
    const small = chunked('abcdef', 2, 8);
    assert.equal(small.isPrefixOf('abcdefg'), true);
    assert.equal(small.isPrefixOf('abcdeX'), false);
    assert.equal(small.isPrefixOf('abc'), false);
    const long = chunked(ABC, 3, 8);
    assert.equal(long.isPrefixOf(`${ABC}!`), true);
    assert.equal(long.isPrefixOf(ABC), true);
    assert.equal(long.isPrefixOf(`abcde-${ABC.slice(6)}!`), true); // only the kept parts are compared
    assert.equal(long.isPrefixOf(`${ABC.slice(0, 25)}Z!`), false);
    assert.equal(long.isPrefixOf(`Abc${ABC.slice(3)}`), false);
  });

  it('counts the UTF-8 bytes of everything added, not of what it keeps, at every chunk size', () => {
    // 1, 2, 3 and 4 bytes a character; the emoji is a surrogate pair that any chunk may split
    const text = 'aé€😀'.repeat(7);
    const whole = Buffer.byteLength(text);
    assert.equal(whole, 70);
    for (const limit of [4, 5, 8, 9, 1000]) {
      for (let size = 1; size <= text.length; size++) {
        const t = chunked(text, size, limit);
        assert.equal(t.bytes, 70, `limit ${limit} size ${size}`);
        assert.equal(t.length, 35, `limit ${limit} size ${size}`);
      }
    }
    // a lone surrogate counts as Buffer counts it (U+FFFD, 3 bytes), also where it is cut
    const lone = `${'\ud83d'.repeat(10)}x${'\ude00'.repeat(10)}`;
    for (let size = 1; size <= lone.length; size++) assert.equal(chunked(lone, size, 4).bytes, Buffer.byteLength(lone), `size ${size}`);
    assert.equal(Buffer.byteLength(lone), 61);
    // a cut never falls inside a pair: what is kept has whole characters at the head's end
    const t = chunked('😀'.repeat(20), 1, 8);
    assert.equal(t.toString().startsWith('😀😀'), true);
    assert.equal(t.cutAt, 4);
  });

  it('counts a large text by what passed: 2 MiB of reasoning kept in 4 Ki characters', () => {
    const t = new BoundedText(4096);
    for (let i = 0; i < 65_536; i++) t.add('é…abcdefghijklmnopqrstuvwxyz0');
    assert.equal(t.length, 65_536 * 29);
    assert.equal(t.bytes, 65_536 * (2 + 3 + 27));
    assert.equal(t.toString().length, 4096);
  });

  it('clips a whole text with the seam characters before its tail in the cut, never serialized', () => {
    const cuts: ArtifactCut[] = [];
    assert.equal(clipText(ABC, 'rawContent', cuts, 8), 'abcdwxyz');
    assert.equal((cuts[0] as TextCut)[SEAM], 'abcdefghijklmnopqrstuv');
    assert.equal(JSON.stringify(cuts), '[{"field":"rawContent","at":4,"chars":18}]');
  });

  it('clips a whole text to its head and tail, recording the cut', () => {
    const cuts: ArtifactCut[] = [];
    assert.equal(clipText('abcdefgh', 'reasoning', cuts, 8), 'abcdefgh');
    assert.equal(clipText(ABC, 'reasoning', cuts, 8), 'abcdwxyz');
    assert.deepEqual(cuts, [{ field: 'reasoning', at: 4, chars: 18 }]);
  });
});
