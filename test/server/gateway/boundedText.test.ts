/** The artifact's bounded copy of a stream's text: head and tail kept, the cut recorded, at any chunking. */
import { strict as assert } from 'node:assert';
import { BoundedText, clipText } from '../../../server/gateway/boundedText';
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

  it('clips a whole text to its head and tail, recording the cut', () => {
    const cuts: ArtifactCut[] = [];
    assert.equal(clipText('abcdefgh', 'reasoning', cuts, 8), 'abcdefgh');
    assert.equal(clipText(ABC, 'reasoning', cuts, 8), 'abcdwxyz');
    assert.deepEqual(cuts, [{ field: 'reasoning', at: 4, chars: 18 }]);
  });
});
