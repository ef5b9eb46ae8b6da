/**
 * A key written with needless JSON escapes (`\u0073k-…`, every character escaped, `\/`): bytes that hold
 * no form of the key as sent, yet JSON.parse gives it back whole. The byte redaction (redact.ts,
 * jsonEscapes.ts) replaces the whole escaped run, in one read and cut across reads at every byte.
 */
import { strict as assert } from 'node:assert';
import { decodeEscapes, escapeSearch, escapesOf, matchEscaped, PARTIAL } from '../../../server/gateway/jsonEscapes';
import { headerSecrets, Redactor } from '../../../server/gateway/redact';
import { bodyOf, drain, randomEscapedStreams } from '../helpers/redactBody';

const KEY = 'sk-or-v1-0123456789abcdef';
const r = new Redactor(headerSecrets({ authorization: `Bearer ${KEY}` }));

/** `s` with the characters at the positions `which` picks written as `\uXXXX` (upper-case hex at odd ones). */
function escape(s: string, which: (i: number) => boolean = () => true): string {
  return [...s].map((c, i) => (which(i) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')[i % 2 === 1 ? 'toUpperCase' : 'toLowerCase']()}` : c)).join('');
}

describe('gateway: redactor, a key written with JSON escapes', () => {
  it('replaces the whole escaped run: the first character, one inside, every one, upper-case hex, with Bearer', () => {
    const cases: [string, string][] = [
      [`{"m":"k=\\u0073k-or-v1-0123456789abcdef."}`, '{"m":"k=[redacted]."}'],
      [`{"m":"k=sk-or-v1-0123456789\\u0061bcdef"}`, '{"m":"k=[redacted]"}'],
      [`{"m":"${escape(KEY)}"}`, '{"m":"[redacted]"}'],
      [`{"m":"k=sk-or-v1-0123456789abcde\\u0066"}`, '{"m":"k=[redacted]"}'],
      [`{"m":"k=sk-or-v1-0123456789\\u0041bcdef"}`, `{"m":"k=sk-or-v1-0123456789\\u0041bcdef"}`],
      [`{"m":"auth ${escape(`Bearer ${KEY}`, (i) => i % 3 === 0)} end"}`, '{"m":"auth [redacted] end"}'],
      [`{"a":"${escape(KEY)}","b":"${KEY}","c":"x"}`, '{"a":"[redacted]","b":"[redacted]","c":"x"}'],
    ];
    for (const [input, want] of cases) {
      const out = r.bytes(Buffer.from(input)).toString();
      assert.equal(out, want, input);
      // what a client reads after JSON.parse
      assert.equal(JSON.stringify(JSON.parse(out)).includes(KEY), false, input);
    }
  });

  it('takes \\/ for / ; a literal backslash before u0073 is the key at the second level, replaced from that backslash', () => {
    const slash = new Redactor(['sk-a/b/c-12345']);
    assert.equal(slash.bytes(Buffer.from('{"m":"sk-a\\/b\\/c-12345"}')).toString(), '{"m":"[redacted]"}');
    assert.equal(slash.bytes(Buffer.from('{"m":"sk-a\\/b\\u002fc-12345"}')).toString(), '{"m":"[redacted]"}');
    // `\\u0073k…` reads `\u0073k…`, which a client parsing the string again (a JSON body in a string,
    // error.metadata.raw) reads as the key (redactSecondLevel.test.ts): replaced whole, from the first
    // backslash (from the second would leave `\[redacted]`, which is not JSON)
    const literal = Buffer.from(`{"m":"\\\\u0073k-or-v1-0123456789abcdef"}`);
    assert.equal(r.bytes(literal).toString(), '{"m":"[redacted]"}');
    const escapedBackslash = Buffer.from(`{"m":"\\\\\\u0073k-or-v1-0123456789abcdef"}`);
    assert.equal(r.bytes(escapedBackslash).toString(), '{"m":"\\\\[redacted]"}');
  });

  it('returns the same Buffer when no escape of a secret\'s character is in it (\\n, \\", \\u00e9, \\u003c)', () => {
    const b = Buffer.from('data: {"content":"line\\n\\"q\\" caf\\u00e9 \\u003cb\\u003e sk-or-v1-"}\n\n');
    assert.equal(r.bytes(b), b);
    const keyChars = new Uint8Array(128);
    for (const c of Buffer.from(`Bearer ${KEY}`)) keyChars[c] = 1;
    assert.deepEqual(escapesOf(b, escapeSearch(keyChars)!).at, []);
    assert.deepEqual(escapesOf(Buffer.from('a \\u0073 \\u003c \\u0041 \\u006B \\/'), escapeSearch(keyChars)!).at, [2, 23]);
    // past 8 escapes the rest of the read goes through the regular expression: the same positions
    const many = Buffer.from(`${'\\u00e9'.repeat(12)}\\u0073${'\\u003C'.repeat(3)}\\u006b`);
    assert.deepEqual(escapesOf(many, escapeSearch(keyChars)!).at, [72, 96]);
    keyChars[0x2f] = 1;
    assert.deepEqual(escapesOf(many, escapeSearch(keyChars)!).at, [72, 96]);
    assert.deepEqual(escapesOf(Buffer.from(`\\/${'\\u00e9'.repeat(12)}\\/`), escapeSearch(keyChars)!).at, [0, 74]);
    assert.deepEqual(escapesOf(Buffer.from('\\/ \\u003c \\u002F'), escapeSearch(keyChars)!).at, [0, 10]);
  });

  it('redacts a body with the escaped key cut at every byte into two reads, and one byte a read', async () => {
    const text = `data: {"error":{"message":"bad key ${escape(`Bearer ${KEY}`, (i) => i % 2 === 0)}, again \\u0073k-or-v1-0123456789abcde\\u0066"}}\n\n`;
    const want = 'data: {"error":{"message":"bad key [redacted], again [redacted]"}}\n\n';
    const bytes = Buffer.from(text);
    for (let i = 1; i < bytes.length; i++) assert.equal(await drain(r.body(bodyOf([bytes.subarray(0, i), bytes.subarray(i)]))), want, `cut at ${i}`);
    assert.equal(await drain(r.body(bodyOf([...bytes].map((b) => Buffer.from([b]))))), want);
  });

  it('holds a read that ends inside an escape that could start the key, and nothing for one that cannot', async () => {
    const pieces = ['text \\u00', '73k-or', '-v2 \\u0041 end \\u00', '41 done'];
    const out: string[] = [];
    for await (const b of r.body(bodyOf(pieces.map((p) => Buffer.from(p))))) out.push(b.toString());
    assert.deepEqual(out, ['text ', '\\u0073k-or-v2 \\u0041 end ', '\\u0041 done']);
  });

  it('decodes escapes (\\u00e9 to its UTF-8 too) with each decoded byte\'s offset; matches a pattern through them, PARTIAL at the end', () => {
    const { bytes, offsets } = decodeEscapes(Buffer.from('a\\u0062\\/\\\\u0063\\n\\u00e9'));
    assert.equal(bytes.toString(), 'ab/\\\\u0063\\n\u00e9');
    assert.deepEqual([...offsets.subarray(0, 5)], [0, 1, 7, 9, 10]);
    assert.equal(offsets[bytes.length], 24);
    const p = Buffer.from('sk-or');
    assert.equal(matchEscaped(Buffer.from('\\u0073k\\u002Dor!'), 0, p), 15);
    assert.equal(matchEscaped(Buffer.from('\\u0073k\\u00'), 0, p), PARTIAL);
    assert.equal(matchEscaped(Buffer.from('\\u0073k\\u003'), 0, p), -1);
    assert.equal(matchEscaped(Buffer.from('\\u0073x'), 0, p), -1);
  });
});

// pieces of text: the key and its starts, `Bearer `, characters JSON escapes anyway, look-alikes
const WORDS = [KEY, `Bearer ${KEY}`, KEY.slice(0, 12), 'Bearer ', 'sk-or', 'abc', ' ', '"', '\\', '/', '\n', 'é', '🙂', 'u0073', '\\u0073', 'x'];

/** `text` as a JSON string whose characters are written at random: as they are, as `\uXXXX` (either hex
 * case), `/` as `\/`; `"`, `\` and control characters escaped as JSON requires. */
function randomJsonString(text: string, rand: () => number): string {
  let out = '"';
  for (const c of text) {
    const std = JSON.stringify(c).slice(1, -1);
    if (std !== c) out += std;
    else if (c.length === 1 && rand() < 0.3) {
      const hex = c.charCodeAt(0).toString(16).padStart(4, '0');
      out += `\\u${rand() < 0.5 ? hex : hex.toUpperCase()}`;
    } else if (c === '/' && rand() < 0.5) out += '\\/';
    else out += c;
  }
  return `${out}"`;
}

describe('gateway: redactor, seeded random escaped streams', () => {
  it('500 streams cut into random reads: the same texts as redacting the decoded text, valid JSON, byte-identical without the key', async () => {
    const withKey = await randomEscapedStreams(r, KEY, WORDS, randomJsonString, 7);
    assert.equal(withKey > 300, true, `only ${withKey} streams held the key`);
  });
});
