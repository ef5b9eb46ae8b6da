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

  it('after push: the text split, how far, and whether it is exactly the read bytes (ASCII, nothing carried in)', () => {
    const taken: string[] = [];
    const d = createSseDecoder({
      onEvent: () => undefined,
      onComment: () => undefined,
      onMalformed: () => undefined,
      onDataLine: (t, s, e) => (taken.push(t.slice(s, e)), true),
    });
    const state = () => ({ text: d.text, consumed: d.consumed, exact: d.exact });
    d.push(Buffer.from('data: {"a":1}\n\ndata: {"b"'));
    assert.deepEqual(state(), { text: 'data: {"a":1}\n\ndata: {"b"', consumed: 15, exact: true });
    d.push(Buffer.from(':2}\n\n'));
    assert.deepEqual(state(), { text: 'data: {"b":2}\n\n', consumed: 15, exact: false });
    d.push(bytes.subarray(0, bytes.indexOf(0xc3) + 1)); // ends inside é
    assert.deepEqual(state(), { text: ': OPENROUTER PROCESSING\n\ndata: {"c":"', consumed: 25, exact: false });
    d.push(Buffer.from('\xa9"}\n\n', 'latin1')); // the rest of é: not ASCII
    assert.deepEqual(state(), { text: 'data: {"c":"é"}\n\n', consumed: 17, exact: false });
    d.push(Buffer.from(': ok\n\n'));
    assert.deepEqual(state(), { text: ': ok\n\n', consumed: 6, exact: true });
    assert.deepEqual(taken, ['data: {"a":1}\n\n', 'data: {"b":2}\n\n', 'data: {"c":"é"}\n\n']);
  });

  it('release(): the read\'s text is let go, and an event cut at its end (13 characters or more) still arrives whole, at every split', () => {
    const stream = 'data: {"id":"x","choices":[{"delta":{"content":"a long piece of text"}}]}\n\ndata: {"b":2}\n\n';
    for (let i = 1; i < stream.length; i++) {
      const taken: string[] = [];
      const parsed: string[] = [];
      const d = createSseDecoder({ onEvent: (e) => parsed.push(e), onComment: () => undefined, onMalformed: () => undefined, onDataLine: (t, s, e) => (taken.push(t.slice(s, e)), true) });
      d.push(Buffer.from(stream.slice(0, i)));
      d.release();
      assert.equal(d.text, '', `text held after release, split at ${i}`);
      d.push(Buffer.from(stream.slice(i)));
      d.release();
      d.end();
      assert.deepEqual([taken.join(''), parsed], [stream, []], `split at ${i}`);
    }
  });

  it('carries an event cut over many reads without consuming any of them, and splits it once in the read that ends it', () => {
    const taken: string[] = [];
    const d = createSseDecoder({ onEvent: () => undefined, onComment: () => undefined, onMalformed: () => undefined, onDataLine: (t, s, e) => (taken.push(t.slice(s, e)), true) });
    const state = () => ({ text: d.text, consumed: d.consumed, exact: d.exact });
    d.push(Buffer.from('data: {"a":1}\n\ndata: {"b":"'));
    assert.deepEqual(state(), { text: 'data: {"a":1}\n\ndata: {"b":"', consumed: 15, exact: true });
    d.push(Buffer.from('xxxx'));
    assert.deepEqual(state(), { text: 'xxxx', consumed: 0, exact: false });
    d.push(Buffer.from('yyyy"}\n'));
    assert.deepEqual(state(), { text: 'yyyy"}\n', consumed: 0, exact: false });
    // the blank line cut between two reads still ends the event
    d.push(Buffer.from('\ndata: {"c":3}\n\n'));
    assert.deepEqual(state(), { text: 'data: {"b":"xxxxyyyy"}\n\ndata: {"c":3}\n\n', consumed: 39, exact: false });
    assert.deepEqual(taken, ['data: {"a":1}\n\n', 'data: {"b":"xxxxyyyy"}\n\n', 'data: {"c":3}\n\n']);
  });

  it('skips an event that grows past the limit over many reads, once, and goes on', () => {
    const seen: string[] = [];
    const d = createSseDecoder({ onEvent: (e) => seen.push(`event ${e}`), onComment: () => undefined, onMalformed: (m) => seen.push(m), onDataLine: (t, s, e) => (seen.push(`line ${t.slice(s + 6, e - 2)}`), true), onParsed: () => undefined }, 20);
    d.push(Buffer.from('data: 1\n\ndata: 0123'));
    for (let i = 0; i < 5; i++) d.push(Buffer.from('456789'));
    d.push(Buffer.from('\n\ndata: 2\n\n'));
    d.end();
    assert.deepEqual(seen, ['line 1', 'An SSE event longer than 20 characters was skipped', 'line 2']);
  });

  // Streams the fast split must read exactly as the parser alone does: comments, multi-line events,
  // other fields, empty lines, `data:` without its space, a last event without its blank line, CRLF and
  // CR line ends (which hand the stream to the parser), a byte order mark.
  const streams = [
    ': OPENROUTER PROCESSING\n\ndata: {"a":1}\n\ndata: {"c":"é🌤"}\n\n\n\ndata: [DONE]\n\n',
    'data: {"a":1}\n\nevent: note\ndata: x\n\ndata: a\ndata: b\n\nid: 7\ndata: y\n\ndata:z\n\n\ndata: w\n\nbogus\n\ndata: [DONE]',
    'data: {"a":1}\n\ndata: {"b":2}\r\n\r\ndata: {"c":3}\n\ndata: d\r\rdata: e\n\n',
    '\ufeffdata: 1\n\n: c\n\ndata: 2\n\n',
    '\n\n\ndata: 1\n\n\n: x\n\n\ndata: 2\n\n',
  ];
  /** Everything the sink sees, in order; `fast` says whether onDataLine is there (and which events it takes). */
  function observe(pieces: Buffer[], fast: ((data: string) => boolean) | null): string[] {
    const seen: string[] = [];
    const d = createSseDecoder({
      onEvent: (e, type) => seen.push(`event ${type ?? ''} ${e}`),
      onComment: (c) => seen.push(`comment ${c}`),
      onMalformed: (m) => seen.push(`malformed ${m}`),
      ...(fast
        ? {
            onDataLine: (t: string, s: number, e: number) => {
              assert.equal(t.slice(s, s + 6), 'data: ');
              assert.equal(t.slice(e - 2, e), '\n\n');
              const data = t.slice(s + 6, e - 2);
              assert.ok(!data.includes('\n'));
              if (!fast(data)) return false;
              seen.push(`event  ${data}`);
              return true;
            },
          }
        : {}),
    });
    for (const p of pieces) d.push(p);
    d.end();
    return seen;
  }

  it('the fast split reads every stream as the parser alone does, at every byte split, taking or declining each event', () => {
    for (const text of streams) {
      const all = Buffer.from(text, 'utf8');
      const expected = observe([all], null);
      for (let i = 0; i <= all.length; i++) {
        const pieces = [all.subarray(0, i), all.subarray(i)];
        assert.deepEqual(observe(pieces, () => true), expected, `all taken, split at ${i} of ${JSON.stringify(text)}`);
        assert.deepEqual(observe(pieces, () => false), expected, `all declined, split at ${i}`);
        assert.deepEqual(observe(pieces, (d) => d.length % 2 === 0), expected, `some taken, split at ${i}`);
      }
      // and cut into many small reads
      for (const size of [1, 2, 3, 7]) {
        const pieces: Buffer[] = [];
        for (let at = 0; at < all.length; at += size) pieces.push(all.subarray(at, at + size));
        assert.deepEqual(observe(pieces, () => true), expected, `reads of ${size} bytes`);
      }
    }
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

describe('gateway/sse: an event over the length limit', () => {
  const MAX = 16;
  const long = 'x'.repeat(40);
  const want = { events: ['{"a":1}', '{"b":2}', '[DONE]'], comments: ['c'], malformed: ['An SSE event longer than 16 characters was skipped'] };

  function decode(pieces: Buffer[], fast: boolean) {
    const events: string[] = [];
    const comments: string[] = [];
    const malformed: string[] = [];
    const spans: string[] = [];
    const d = createSseDecoder(
      {
        onEvent: (e) => events.push(e),
        onComment: (c) => comments.push(c),
        onMalformed: (m) => malformed.push(m),
        ...(fast ? { onDataLine: () => false, onParsed: (t: string, s: number, e: number) => spans.push(t.slice(s, e)) } : {}),
      },
      MAX,
    );
    for (const p of pieces) d.push(p);
    d.end();
    return { r: { events, comments, malformed }, spans: spans.join('') };
  }

  for (const [name, eol] of [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ] as const) {
    const text = [`data: {"a":1}`, '', `data: ${long}`, `data: ${long}`, '', ': c', '', 'data: {"b":2}', '', 'data: [DONE]', '', ''].join(eol);
    const bytes = Buffer.from(text);
    for (const fast of [false, true]) {
      it(`skips it to its blank line and goes on (${name} line ends, ${fast ? 'fast split' : 'parser'}), at every split`, () => {
        for (let i = 0; i <= bytes.length; i++) {
          assert.deepEqual(decode([bytes.subarray(0, i), bytes.subarray(i)], fast).r, want, `split at ${i}`);
        }
      });
    }
  }

  it('hands every character, the skipped ones included, to onParsed (so a rewriter cuts them from its output)', () => {
    const text = `data: {"a":1}\n\ndata: ${long}\n\n: c\n\ndata: {"b":2}\n\ndata: [DONE]\n\n`;
    const bytes = Buffer.from(text);
    for (let i = 0; i <= bytes.length; i++) {
      // (end() feeds a last blank line of its own, for an event that lacked one)
      assert.equal(decode([bytes.subarray(0, i), bytes.subarray(i)], true).spans, text + '\n\n', `split at ${i}`);
    }
  });
});
