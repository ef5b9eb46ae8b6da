/**
 * A key with non-ASCII characters echoed with some of them raw and some `\uXXXX`-escaped, or with its
 * escapes in mixed hex case (`\u00E9` / `\u00e9`, `\u00fC`): bytes that hold none of the key's whole forms
 * (as sent, all escaped lower-case, all upper-case), yet JSON.parse gives the key back. The byte redaction
 * (redact.ts, jsonEscapes.ts) replaces the whole run, in one read and cut across reads at every byte.
 */
import { strict as assert } from 'node:assert';
import { decodeEscapes, escapeSearch, escapesOf, matchEscaped, PARTIAL, prefixMatched } from '../../../server/gateway/jsonEscapes';
import { headerSecrets, Redactor } from '../../../server/gateway/redact';
import { bodyOf, drain, randomEscapedStreams } from '../helpers/redactBody';

/** A latin1 key (the configured key can hold U+0080–U+00FF: apiKeyCheck.ts) with three such characters. */
const KEY = 'sk-or-v1-caf\u00e9-\u00fc\u00df-0123456789';
const r = new Redactor(headerSecrets({ authorization: `Bearer ${KEY}` }));

/** `\uXXXX` of each UTF-16 unit of `c`, hex in the case `upper` picks per digit. */
function esc(c: string, upper: (digit: number) => boolean = () => false): string {
  let out = '';
  for (let i = 0; i < c.length; i++) {
    const hex = c.charCodeAt(i).toString(16).padStart(4, '0');
    out += `\\u${[...hex].map((d, k) => (upper(k) ? d.toUpperCase() : d)).join('')}`;
  }
  return out;
}

/** `s` with the characters `which` picks escaped (hex case per `upper`). */
function spell(s: string, which: (c: string, i: number) => boolean, upper: (i: number, digit: number) => boolean = () => false): string {
  return [...s].map((c, i) => (which(c, i) ? esc(c, (k) => upper(i, k)) : c)).join('');
}

const nonAscii = (c: string): boolean => c.charCodeAt(0) >= 0x80;

// Each spelling of the key that the whole forms (redact.ts variants) do not hold.
const MIXED: Record<string, string> = {
  'é escaped, ü and ß raw': spell(KEY, (c) => c === '\u00e9'),
  'é raw, ü and ß escaped': spell(KEY, (c) => c === '\u00fc' || c === '\u00df'),
  'all three escaped, é upper-case hex, ü and ß lower-case': spell(KEY, nonAscii, (i) => KEY[i] === '\u00e9'),
  'one escape in mixed case (\\u00fC)': spell(KEY, nonAscii, (i, k) => KEY[i] === '\u00fc' && k === 3),
  'ASCII escaped around é raw and ü escaped (\\u00FC)': spell(KEY, (c) => /[a-z0-9]/.test(c) || c === '\u00fc', (i) => KEY[i] === '\u00fc'),
  'every character escaped, hex case alternating': spell(KEY, () => true, (i) => i % 2 === 1),
};

describe('gateway: redactor, a non-ASCII key part raw, part escaped, in mixed hex case', () => {
  it('none of these spellings is one of the key\'s whole forms (each needs the mixed matching)', () => {
    for (const [name, form] of Object.entries(MIXED)) {
      for (const whole of [KEY, spell(KEY, nonAscii), spell(KEY, nonAscii, () => true)]) assert.notEqual(form, whole, name);
      assert.equal(JSON.parse(`"${form}"`), KEY, name);
    }
  });

  it('replaces the whole run in a JSON body, alone and after Bearer (written in each way too)', () => {
    for (const [name, form] of Object.entries(MIXED)) {
      assert.equal(r.bytes(Buffer.from(`{"m":"k=${form}."}`)).toString(), '{"m":"k=[redacted]."}', name);
      assert.equal(r.bytes(Buffer.from(`{"m":"auth Bearer ${form} end"}`)).toString(), '{"m":"auth [redacted] end"}', name);
      assert.equal(r.bytes(Buffer.from(`{"m":"auth B\\u0065arer ${form} end"}`)).toString(), '{"m":"auth [redacted] end"}', name);
      assert.equal(r.bytes(Buffer.from(`{"a":"${form}","b":"${KEY}","c":"caf\\u00e9"}`)).toString(), '{"a":"[redacted]","b":"[redacted]","c":"caf\\u00e9"}', name);
    }
  });

  it('leaves text that only resembles the key (another character, a key three levels deep) byte for byte', () => {
    for (const text of [
      `{"m":"${spell(KEY, (c) => c === '\u00e9').replace('\\u00e9', '\\u00e8')}"}`,
      // a third level: `\\\\u00e9` reads `\\u00e9` at the second (`caf\\u00e9`, one level less, is the key
      // there: redactSecondLevel.test.ts)
      `{"m":"${spell(KEY, (c) => c === '\u00e9').replace('\\u00e9', '\\\\\\\\u00e9')}"}`,
      `{"m":"${spell(KEY, (c) => c === '\u00fc').replace('0123456789', '0123456788')}"}`,
      '{"m":"caf\\u00e9 \\u00fc\\u00DF \\u20ac \\ud83d\\ude00 sk-or-v1-"}',
    ]) {
      const b = Buffer.from(text);
      assert.equal(r.bytes(b).toString(), text);
    }
  });

  it('redacts a body with each spelling cut at every byte into two reads, and one byte a read', async () => {
    for (const [name, form] of Object.entries(MIXED)) {
      const text = `data: {"error":{"message":"bad key Bearer ${form}, again ${form}"}}\n\n`;
      const want = 'data: {"error":{"message":"bad key [redacted], again [redacted]"}}\n\n';
      const bytes = Buffer.from(text);
      for (let i = 1; i < bytes.length; i++) assert.equal(await drain(r.body(bodyOf([bytes.subarray(0, i), bytes.subarray(i)]))), want, `${name}, cut at ${i}`);
      assert.equal(await drain(r.body(bodyOf([...bytes].map((b) => Buffer.from([b]))))), want, name);
    }
  });

  it('a body that ends inside a spelling shows no more than the key\'s public start, the rest [redacted], at every end', async () => {
    const form = MIXED['all three escaped, é upper-case hex, ü and ß lower-case']!;
    const auth = `Bearer ${form}`;
    for (let end = 1; end < auth.length; end++) {
      const cut = auth.slice(0, end);
      const text = `{"m":"x ${cut}`;
      const out = await drain(r.body(bodyOf([Buffer.from(text)])));
      // `Bearer sk-or-v1-` is public; a character past it is the key's
      assert.equal(out, end > 'Bearer sk-or-v1-'.length ? '{"m":"x Bearer [redacted]' : text, `end ${end}`);
    }
  });

  it('valueEnds: a JSON string ending inside a spelling past the public start ends [redacted]', () => {
    const form = MIXED['é escaped, ü and ß raw']!;
    const cut = form.slice(0, form.indexOf('\u00fc') + 1);
    assert.equal(r.jsonText(`{"message":"key ${cut}","code":401}`), '{"message":"key [redacted]","code":401}');
  });

  it('a client\'s own key with a character above U+00FF (its UTF-8 read as latin1), echoed with € raw or escaped in either case', () => {
    const own = 'sk-or-v1-own\u20ac\u00e9-9876543210';
    // the header as the daemon holds it: the client's UTF-8 bytes read as latin1
    const rc = new Redactor(headerSecrets({ authorization: `Bearer ${Buffer.from(own).toString('latin1')}` }));
    for (const form of [spell(own, (c) => c === '\u20ac'), spell(own, (c) => c === '\u00e9'), spell(own, nonAscii, (i) => own[i] === '\u20ac'), spell(own, nonAscii, (i, k) => k === 2)]) {
      assert.equal(rc.bytes(Buffer.from(`{"m":"k=${form}."}`)).toString(), '{"m":"k=[redacted]."}', form);
    }
  });

  it('a character outside the BMP (a surrogate pair) raw or as two escapes, each in either case, cut at every byte', async () => {
    const own = 'tok-\u{1F511}-\u00e9-abcdef0123';
    const rc = new Redactor(headerSecrets({ authorization: `Bearer ${Buffer.from(own).toString('latin1')}` }));
    for (const form of [spell(own, (c) => c === '\u{1F511}'), spell(own, (c) => c === '\u00e9'), spell(own, nonAscii, (i, k) => k >= 2), spell(own, nonAscii, (i, k) => k === 3)]) {
      assert.equal(rc.bytes(Buffer.from(`{"m":"k=${form}."}`)).toString(), '{"m":"k=[redacted]."}', form);
      const bytes = Buffer.from(`data: {"m":"k=${form}."}\n\n`);
      for (let i = 1; i < bytes.length; i++) assert.equal(await drain(rc.body(bodyOf([bytes.subarray(0, i), bytes.subarray(i)]))), 'data: {"m":"k=[redacted]."}\n\n', `${form} cut at ${i}`);
    }
  });
});

describe('gateway: jsonEscapes, escapes of non-ASCII characters', () => {
  it('escapesOf finds \\uXXXX of a non-ASCII character some secret has, in either case, where a spelling of the secret can have it', () => {
    const chars = new Uint8Array(128);
    for (const c of Buffer.from('sk-')) chars[c] = 1;
    // é stands after `f` and before `-`; € after `-` and before `1`; either also after an escape (a hex
    // digit, `\/`) and before one (`\`) or a text's end (`"`)
    const s = escapeSearch(chars, ['sk-caf\u00e9-\u20ac1'])!;
    const at = (text: string): number[] => escapesOf(Buffer.from(text), s).at;
    assert.deepEqual(at('caf\\u00e9-'), [3]);
    assert.deepEqual(at('caf\\u00E9"'), [3]);
    assert.deepEqual(at('\\u0066\\u00e9\\u002d'), [6, 12]);
    assert.deepEqual(at('-\\u20ac1 -\\u20AC\\u0031'), [1, 10]);
    // not where the key can have it: ensure_ascii text (`\u00e9t\u00e9`), another neighbour
    assert.deepEqual(at('line 1 \\u00e9t\\u00e9" x\\u00e9- -\\u20ac2 \\u00e8-'), []);
    // at a read's ends a neighbour is not known: counted
    assert.deepEqual(at('\\u00e9- caf\\u00e9'), [0, 11]);
    // past 8 escapes the rest goes through the regular expression: the same positions
    const many = `${'\\u00e9t'.repeat(12)}caf\\u00E9-\\u003c-\\u20Ac1`;
    assert.deepEqual(at(many), [87, 101]);
    assert.deepEqual(at(`${' \\u00e9'.repeat(12)} \\u0073`), [85]);
    // an ASCII-only search is as before: \u00e9 does not count
    assert.deepEqual(escapesOf(Buffer.from('\\u00e9 \\u0073'), escapeSearch(chars)!).at, [7]);
    // a unit that starts or ends a form takes any neighbour on that side
    const edge = escapeSearch(chars, ['\u00e9abc\u00fc'])!;
    assert.deepEqual(escapesOf(Buffer.from('x\\u00e9a \\u00fcy'), edge).at, [1, 9]);
  });

  it('decodeEscapes decodes every \\uXXXX to its UTF-8 (a surrogate pair to one character; a lone one kept), each byte with its offset', () => {
    const { bytes, offsets } = decodeEscapes(Buffer.from('a\\u00E9\\u20ac\\ud83d\\ude00\\ud83d!\\\\u00e9'));
    assert.equal(bytes.toString('latin1'), Buffer.from('a\u00e9\u20ac\u{1F600}').toString('latin1') + '\\ud83d!\\\\u00e9');
    assert.deepEqual([...offsets.subarray(0, 11)], [0, 1, 1, 7, 7, 7, 13, 13, 13, 13, 25]);
    assert.equal(offsets[bytes.length], 39);
  });

  it('matchEscaped walks a raw non-ASCII character of the pattern through its escape in either case; PARTIAL inside one', () => {
    const p = Buffer.from('caf\u00e9-\u{1F511}x');
    const full = 'caf\\u00E9-\\uD83D\\udd11x!';
    assert.equal(matchEscaped(Buffer.from(full), 0, p), full.length - 1);
    for (let end = 1; end < full.length - 1; end++) assert.equal(matchEscaped(Buffer.from(full.slice(0, end)), 0, p), PARTIAL, `end ${end}`);
    assert.equal(matchEscaped(Buffer.from('caf\\u00e8'), 0, p), -1);
    assert.equal(matchEscaped(Buffer.from('caf\\u00f'), 0, p), -1);
    assert.equal(matchEscaped(Buffer.from('caf\\u00e9-\\ud83d\\udd12'), 0, p), -1);
    assert.equal(matchEscaped(Buffer.from('caf\\u00e9-\\ud83d\\u'), 0, p), PARTIAL);
    // pattern bytes spelled: é is two of them, the pair four
    assert.equal(prefixMatched(Buffer.from('caf\\u00e9-\\ud83d'), 0, p), 6);
    assert.equal(prefixMatched(Buffer.from('caf\\u00e9-\\ud83d\\udd11'), 0, p), 10);
  });
});

// pieces of text: the key and its starts, `Bearer `, characters JSON escapes anyway, look-alikes
const WORDS = [KEY, `Bearer ${KEY}`, KEY.slice(0, 14), 'Bearer ', 'sk-or', 'caf\u00e9', '\u00fc\u00df', ' ', '"', '\\', '/', '\n', '\u00e9', '\u{1F642}', 'u00e9', '\\u00e9', 'x'];

/** `text` as a JSON string whose characters are written at random: as they are, as `\uXXXX` (each hex
 * digit's case at random; a surrogate pair as two escapes), `/` as `\/`; `"`, `\` and control characters
 * escaped as JSON requires. */
function randomJsonString(text: string, rand: () => number): string {
  let out = '"';
  for (const c of text) {
    const std = JSON.stringify(c).slice(1, -1);
    if (std !== c) out += std;
    else if (rand() < 0.3) out += esc(c, () => rand() < 0.5);
    else if (c === '/' && rand() < 0.5) out += '\\/';
    else out += c;
  }
  return `${out}"`;
}

describe('gateway: redactor, seeded random streams with a non-ASCII key spelled at random', () => {
  it('500 streams cut into random reads: the same texts as redacting the decoded text, valid JSON, byte-identical without the key', async () => {
    const withKey = await randomEscapedStreams(r, KEY, WORDS, randomJsonString, 11);
    assert.equal(withKey > 250, true, `only ${withKey} streams held the key`);
  });
});
