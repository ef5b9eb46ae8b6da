import { strict as assert } from 'node:assert';
import { createSseDecoder, endsInsideCharacter, sseData } from '../../../server/gateway/sse';

function decodeAll(pieces: Buffer[]): { events: string[]; comments: string[]; malformed: string[] } {
  const events: string[] = [];
  const comments: string[] = [];
  const malformed: string[] = [];
  const d = createSseDecoder({ onEvent: (e) => events.push(e), onComment: (c) => comments.push(c), onMalformed: (m) => malformed.push(m) });
  for (const p of pieces) d.push(p);
  d.end();
  return { events, comments, malformed };
}

describe('gateway/sse', () => {
  const text = ': OPENROUTER PROCESSING\n\ndata: {"c":"é🌤"}\n\ndata: [DONE]\n\n';
  const bytes = Buffer.from(text, 'utf8');

  it('decodes events and comments at every byte split, including inside multi-byte characters', () => {
    for (let i = 0; i <= bytes.length; i++) {
      const r = decodeAll([bytes.subarray(0, i), bytes.subarray(i)]);
      assert.deepEqual(r, { events: ['{"c":"é🌤"}', '[DONE]'], comments: ['OPENROUTER PROCESSING'], malformed: [] }, `split at byte ${i}`);
    }
  });

  it('push returns the text of a pure-ASCII read and null for any read through the UTF-8 decoder', () => {
    const d = createSseDecoder({ onEvent: () => undefined, onComment: () => undefined, onMalformed: () => undefined });
    assert.equal(d.push(Buffer.from('data: {"a":1}\n\ndata: {"b"')), 'data: {"a":1}\n\ndata: {"b"');
    assert.equal(d.push(Buffer.from(':2}\n\n')), ':2}\n\n');
    assert.equal(d.push(bytes.subarray(0, bytes.indexOf(0xc3) + 1)), null); // ends inside é
    assert.equal(d.push(Buffer.from('\xa9"}\n\n', 'latin1')), null); // the rest of é: not ASCII
    assert.equal(d.push(Buffer.from(': ok\n\n')), ': ok\n\n');
  });

  it('decodes a character cut between two reads after ASCII-only reads, at every split', () => {
    const ascii = Buffer.from('data: {"a":1}\n\n');
    for (let i = 0; i <= bytes.length; i++) {
      const r = decodeAll([ascii, bytes.subarray(0, i), bytes.subarray(i), ascii]);
      assert.deepEqual(r.events, ['{"a":1}', '{"c":"é🌤"}', '[DONE]', '{"a":1}'], `split at byte ${i}`);
    }
  });

  it('drops a byte order mark at the start of the body only', () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    assert.deepEqual(decodeAll([Buffer.concat([bom, Buffer.from('data: 1\n\n')])]).events, ['1']);
    assert.deepEqual(decodeAll([Buffer.from('data: 1\n\n'), Buffer.concat([Buffer.from('data: '), bom, Buffer.from('2\n\n')])]).events, ['1', '\ufeff2']);
  });

  it('tells whether bytes end inside a UTF-8 character', () => {
    const e = Buffer.from('é🌤');
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map((n) => endsInsideCharacter(e.subarray(0, n))), [false, true, false, true, true, true, false]);
    assert.equal(endsInsideCharacter(Buffer.from('abc')), false);
  });

  it('delivers a last event that lacks its blank line', () => {
    assert.deepEqual(decodeAll([Buffer.from('data: {"a":1}\n\ndata: [DONE]')]).events, ['{"a":1}', '[DONE]']);
  });

  it('reports unknown fields as malformed and goes on', () => {
    const r = decodeAll([Buffer.from('bogus line\n\ndata: 1\n\n')]);
    assert.deepEqual(r.events, ['1']);
    assert.equal(r.malformed.length, 1);
  });

  it('writes multi-line data as several data fields', () => {
    assert.equal(sseData('a\nb'), 'data: a\ndata: b\n\n');
    assert.equal(sseData('{"x":1}'), 'data: {"x":1}\n\n');
  });
});
