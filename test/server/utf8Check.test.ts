import assert from 'node:assert/strict';
import { createUtf8Check, utf8Warning } from '../../server/utf8Check';

/** Decodes `bytes` in two reads split at `at`, as the CLI's streaming path does, and counts. */
function countSplit(bytes: Buffer, at: number): number {
  const decoder = new TextDecoder('utf-8');
  const check = createUtf8Check();
  for (const part of [bytes.subarray(0, at), bytes.subarray(at)]) check.push(part, decoder.decode(part, { stream: true }));
  check.end(decoder.decode());
  return check.replaced;
}

describe('utf8Check: invalid UTF-8 sequences replaced by U+FFFD', () => {
  const cases: [string, Buffer, number][] = [
    ['valid text', Buffer.from('{"a": "é😀"}', 'utf8'), 0],
    ['a U+FFFD the input spells itself', Buffer.from('{"a": "\ufffd\ufffd"}', 'utf8'), 0],
    ['two stray bytes and a cut sequence', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a": "'), Buffer.from([0xc3]), Buffer.from('", "b": "\ufffd"}')]), 3],
    ['a sequence cut by the end', Buffer.concat([Buffer.from('[1, "'), Buffer.from([0xe2, 0x82])]), 1],
    ['a lone surrogate encoded (CESU)', Buffer.concat([Buffer.from('["'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"]')]), 3],
  ];
  for (const [name, bytes, expected] of cases) {
    it(`${name}: ${expected}, whole and split at every byte`, () => {
      for (let at = 0; at <= bytes.length; at++) assert.equal(countSplit(bytes, at), expected, `split at ${at}`);
    });
  }

  it('words the warning with the count', () => {
    assert.equal(utf8Warning(1), 'the input is not valid UTF-8: 1 invalid byte sequence replaced by U+FFFD');
    assert.equal(utf8Warning(3), 'the input is not valid UTF-8: 3 invalid byte sequences replaced by U+FFFD');
  });
});
