/**
 * A key written inside a string that is itself the text of a JSON string (OpenRouter's
 * `error.metadata.raw`: the provider's JSON error body as a string): in the bytes `caf\\u00E9`, in the
 * first string `caf\u00E9`, in the second `café`. Each character of the key spelled in any way at both
 * levels (raw, `\uXXXX` in either hex case per digit, the inner backslash as `\\` or `\u005c`, `\/`):
 * the byte redaction (redact.ts secondLevelBytes, jsonEscapes.ts decodeString) replaces the whole run, in
 * one read, cut across two reads at every byte, one byte a read, and at a body's end.
 */
import { strict as assert } from 'node:assert';
import { decodeString, escapeSearch, escapesOf, EscapeScan, hasEscapedBackslash, maySecondLevel, openEscapeAt } from '../../../server/gateway/jsonEscapes';
import { headerSecrets, Redactor } from '../../../server/gateway/redact';
import { rng } from '../../bench/docs';
import { bodyOf, drain } from '../helpers/redactBody';

const KEY = 'sk-or-v1-caf\u00e9-\u00fc\u00df-0123456789';
const AUTH = `Bearer ${KEY}`;
const r = new Redactor(headerSecrets({ authorization: AUTH }));

/** `\uXXXX` of each UTF-16 unit of `c`, each hex digit upper-case where `upper(k)` says. */
function esc(c: string, upper: (k: number) => boolean = () => false): string {
  let out = '';
  for (let i = 0; i < c.length; i++) out += `\\u${[...c.charCodeAt(i).toString(16).padStart(4, '0')].map((d, k) => (upper(k) ? d.toUpperCase() : d)).join('')}`;
  return out;
}

/** `s` as a JSON string's text (no quotes), the characters `which` picks escaped (hex case per `upper`),
 * `"` and `\` escaped as JSON requires (`\\`, or `\u005c` where `which` picks it). */
function level(s: string, which: (c: string, i: number) => boolean, upper: (i: number, k: number) => boolean = () => false): string {
  return [...s]
    .map((c, i) => {
      if (which(c, i)) return esc(c, (k) => upper(i, k));
      const std = JSON.stringify(c).slice(1, -1);
      return std;
    })
    .join('');
}

const nonAscii = (c: string): boolean => c.charCodeAt(0) >= 0x80;

/** Each key spelling at both levels: the first level's text (inside the raw JSON), then that written as
 * the outer string's text. */
const SPELLINGS: Record<string, string> = {
  'inner: all non-ASCII escaped lower-case; outer: plain': level(level(KEY, nonAscii), () => false),
  'inner: all non-ASCII escaped upper-case; outer: plain': level(level(KEY, nonAscii, () => true), () => false),
  'inner: \\u00E9 upper, \\u00fc \\u00df lower; outer: plain': level(level(KEY, nonAscii, (i) => KEY[i] === '\u00e9'), () => false),
  'inner: one escape in mixed case (\\u00fC); outer: plain': level(level(KEY, nonAscii, (i, k) => KEY[i] === '\u00fc' && k === 3), () => false),
  'inner: é escaped, ü ß raw; outer: plain': level(level(KEY, (c) => c === '\u00e9'), () => false),
  'inner: ASCII letters escaped; outer: plain': level(level(KEY, (c) => /[a-z]/.test(c)), () => false),
  'inner: all escaped; outer: the backslashes as \\u005c / \\u005C': level(level(KEY, nonAscii), (c, i) => c === '\\' && i % 2 === 0, (i) => i % 4 === 0),
  'inner: all escaped; outer: every character escaped, case alternating': level(level(KEY, nonAscii), () => true, (i) => i % 2 === 1),
  'inner: s escaped; outer: the escape\'s u and hex as escapes': level(level(KEY, (c, i) => i === 0), (c, i) => i >= 1 && i <= 5, () => true),
};

/** The text a client reads after parsing the outer string and then its text as a JSON string again. */
const twice = (outer: string): string => JSON.parse(`"${JSON.parse(`"${outer}"`) as string}"`) as string;

/** An OpenRouter error body whose metadata.raw holds `inner` (already the outer string's text). */
const errorBody = (rawText: string): string => `{"error":{"message":"Provider returned error","code":401,"metadata":{"provider_name":"P","raw":"${rawText}"}}}`;
const rawOf = (keyOuter: string): string => `{\\"error\\":{\\"message\\":\\"Incorrect API key: ${keyOuter}\\"}}`;

describe('gateway: redactor, a key inside a string that is itself JSON, spelled in any way at both levels', () => {
  it('each spelling reads back as the key after two parses, and none is a first-level spelling', () => {
    for (const [name, s] of Object.entries(SPELLINGS)) {
      assert.equal(twice(s), KEY, name);
      assert.notEqual(JSON.parse(`"${s}"`), KEY, name);
    }
  });

  it('replaces the whole run in a JSON body (alone, after Bearer, twice), the rest byte for byte', () => {
    for (const [name, s] of Object.entries(SPELLINGS)) {
      assert.equal(r.bytes(Buffer.from(errorBody(rawOf(s)))).toString(), errorBody(rawOf('[redacted]')), name);
      const bearer = `${level(level('Bearer ', () => false), () => false)}${s}`;
      assert.equal(r.bytes(Buffer.from(errorBody(rawOf(bearer)))).toString(), errorBody(rawOf('[redacted]')), name);
      assert.equal(r.bytes(Buffer.from(`{"a":"x ${s} y ${s}","b":"caf\\\\u00e9"}`)).toString(), '{"a":"x [redacted] y [redacted]","b":"caf\\\\u00e9"}', name);
    }
  });

  it('leaves look-alikes byte for byte: another character, a third level, a literal backslash before the escape', () => {
    const lower = SPELLINGS['inner: all non-ASCII escaped lower-case; outer: plain']!;
    for (const text of [
      errorBody(rawOf(lower.replace('u00e9', 'u00e8'))),
      errorBody(rawOf(lower.replace('0123456789', '0123456788'))),
      // `\\\\u00e9`: the second level reads `\\u00e9`, a backslash and text: `é` only at a third
      errorBody(rawOf(lower.replace(/\\\\u00/g, '\\\\\\\\u00'))),
      errorBody(rawOf('caf\\\\u00e9 \\\\u00fc\\\\u00DF sk-or-v1-')),
      '{"m":"\\\\frac{a}{b} \\\\\\\\ \\\\n \\\\\\"q\\\\\\" C:\\\\users\\\\x"}',
    ]) {
      const b = Buffer.from(text);
      assert.equal(r.bytes(b), b, text);
    }
  });

  it('redacts each spelling cut into two reads at every byte, and one byte a read', async () => {
    for (const [name, s] of Object.entries(SPELLINGS)) {
      const text = `data: ${errorBody(rawOf(`Bearer ${s}, again ${s}`))}\n\n`;
      const want = `data: ${errorBody(rawOf('[redacted], again [redacted]'))}\n\n`;
      const bytes = Buffer.from(text);
      for (let i = 1; i < bytes.length; i++) assert.equal(await drain(r.body(bodyOf([bytes.subarray(0, i), bytes.subarray(i)]))), want, `${name}, cut at ${i}`);
      assert.equal(await drain(r.body(bodyOf([...bytes].map((b) => Buffer.from([b]))))), want, name);
    }
  });

  it('a body that ends inside a spelling shows no more than the key\'s public start, the rest [redacted], at every end', async () => {
    for (const name of ['inner: \\u00E9 upper, \\u00fc \\u00df lower; outer: plain', 'inner: all escaped; outer: the backslashes as \\u005c / \\u005C']) {
      const s = `Bearer ${SPELLINGS[name]!}`;
      const publicEnd = s.indexOf('sk-or-v1-') + 'sk-or-v1-'.length;
      for (let end = 1; end < s.length; end++) {
        const text = `{"m":"x ${s.slice(0, end)}`;
        const out = await drain(r.body(bodyOf([Buffer.from(text)])));
        assert.equal(out, end > publicEnd ? '{"m":"x Bearer [redacted]' : text, `${name}, end ${end}`);
      }
    }
  });

  it('decodeString decodes every escape with its offsets; maySecondLevel, the hints escapesOf leaves, hasEscapedBackslash and openEscapeAt', () => {
    const { bytes, offsets } = decodeString(Buffer.from('a\\\\u00E9\\"\\u005cn\\ud83d\\ude00\\ud83d\\x\\'));
    assert.equal(bytes.toString('latin1'), `a\\u00E9"\\n${Buffer.from('\u{1F600}').toString('latin1')}\\ud83d\\x\\`);
    assert.deepEqual([...offsets], [0, 1, 3, 4, 5, 6, 7, 8, 10, 16, 17, 17, 17, 17, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38]);
    // the search for the key's characters (an ASCII one: s; a non-ASCII one: é)
    const chars = new Uint8Array(128);
    for (const c of Buffer.from(AUTH)) if (c < 128) chars[c] = 1;
    const search = escapeSearch(chars, [KEY])!;
    const scan = new EscapeScan();
    // [text, maySecondLevel, the hint escapesOf leaves (EscapeScan.hint), hasEscapedBackslash, whether the
    // escape may be whole in this read (EscapeScan.wholeHint: only then is the read decoded twice)]
    for (const [text, may, hint, five, whole] of [
      ['caf\\\\u00e9', true, true, false, true],
      ['x \\\\u0073k', true, true, false, true],
      ['caf\\\\\\u0075', true, true, false, true],
      ['caf\\\\u\\u0030\\u0030e9', true, true, false, true],
      ['caf\\u005Cu00e9', false, true, true, true],
      ['caf\\\\', true, false, false, false],
      // cut by the read's end, or by the end of its string (a model's \u00e9 cut between two content
      // deltas): the hold's concern, no key can be whole in this read
      ['caf\\\\u00', true, true, false, false],
      ['{"c":"\\\\u0"}', true, false, false, false],
      ['{"c":"\\\\u00e"}\n\n{"c":"9t"}', false, true, false, false],
      // a cut one, then a whole one of the key's character in the same read
      ['{"c":"\\\\u0"} {"c":"x \\\\u0073k"}', true, true, false, true],
      // another character than the key's, a letter after the pair, a quote: not the key at the second level
      ['x \\\\u00e8 \\\\u003c \\\\u0041', false, false, false, false],
      ['\\\\frac \\\\n C:\\\\users', false, false, false, false],
      ['\\\\frac \\\\n C:\\\\x \\\\\\"', false, false, false, false],
      ['caf\\u00e9 \\n', false, false, false, false],
    ] as const) {
      const b = Buffer.from(text);
      assert.equal(maySecondLevel(b, search), may, text);
      // one scan object for every read, as a Redactor keeps one: each call sets its hints anew
      escapesOf(b, search, scan);
      assert.equal(scan.hint, hint, text);
      assert.equal(scan.wholeHint, whole, text);
      assert.equal(hasEscapedBackslash(b), five, text);
    }
    // a secret with a quote or a backslash: any escape after a pair
    assert.equal(maySecondLevel(Buffer.from('\\\\\\"'), search, true), true);
    assert.deepEqual(['ab\\', 'ab\\u00', 'ab\\\\', 'ab\\u00e9', 'ab\\n', 'ab\\\\\\'].map((t) => openEscapeAt(Buffer.from(t))), [2, 2, 4, 8, 4, 4]);
  });
});

describe('gateway: redactor, a text that holds the key written with JSON escapes (the second level, decoded once)', () => {
  // the text a rewriting mode decoded from the events: the key in it as JSON text, in mixed hex case
  const inText = level(KEY, nonAscii, (i) => KEY[i] === '\u00e9');

  it('a text channel with the key cut in two pushes at every character: [redacted] once, whatever the hold bound', () => {
    const text = `echo Bearer ${inText} end`;
    for (const minHold of [1, 4]) {
      for (let at = 1; at < text.length; at++) {
        const st = r.textStage(minHold)!;
        const out = st.push(text.slice(0, at)) + st.push(text.slice(at)) + st.end();
        const sent = at - 'echo Bearer '.length;
        // passthrough's bound (4) sends 1-3 of the key's characters before it knows
        const want = minHold === 4 && sent >= 1 && sent < 4 ? `echo Bearer ${KEY.slice(0, sent)}[redacted] end` : 'echo Bearer [redacted] end';
        assert.equal(out, want, `hold ${minHold}, cut at ${at}`);
      }
    }
  });

  it('the key\'s first character written as an escape (\\u0073k-…), cut inside that escape or after it: [redacted] whatever the hold bound, a cut escape counted as one character', () => {
    // before: a text ending in `\`, `\u` (or, for a key without the digit, `\u0`…) was not looked at
    // (its last character is none of the key's), and the rest went out as it came
    const start = `${esc('s')}${KEY.slice(1)}`;
    for (const key of [KEY, 'sk-or-v1-CLIENTSECRET999', 'sk-or-v1-' + '3f9a0c7e51b2d8461e0f7a9c3b5d2e8f'.repeat(2)]) {
      const rk = new Redactor(headerSecrets({ authorization: `Bearer ${key}` }));
      const text = `x ${esc('s')}${key.slice(1)} y`;
      for (const minHold of [1, 4]) {
        for (let at = 2; at < 2 + start.length; at++) {
          const st = rk.textStage(minHold)!;
          const out = st.push(text.slice(0, at)) + st.push(text.slice(at)) + st.end();
          // passthrough's bound: fewer than 4 characters of the key go out as they came (the cut escape, then
          // `k`, `-`), the rest [redacted]
          const part = at - 2;
          const want = minHold === 4 && part >= 1 && part < `${esc('s')}k-o`.length ? `${text.slice(0, at)}[redacted] y` : 'x [redacted] y';
          assert.equal(out, want, `${key}, hold ${minHold}, cut at ${at}`);
        }
      }
    }
  });

  it('a text that ends inside it shows no more than the public start; an artifact\'s strings (deep) are redacted', () => {
    for (let end = 'echo '.length + 1; end < `echo ${inText}`.length; end++) {
      const st = r.textStage(1)!;
      const cut = `echo ${inText}`.slice(0, end);
      const out = st.push(cut) + st.end();
      assert.equal(out, end - 'echo '.length > 'sk-or-v1-'.length ? 'echo [redacted]' : cut, `end ${end}`);
    }
    assert.deepEqual(r.deep({ content: `a ${inText} b`, list: [inText] }), { content: 'a [redacted] b', list: ['[redacted]'] });
  });
});

// pieces of text: the key and its starts, characters JSON escapes, look-alikes
const WORDS = [KEY, AUTH, KEY.slice(0, 14), 'Bearer ', 'caf\u00e9', '\u00fc\u00df', ' ', '"', '\\', '/', '\u00e9', 'u00e9', '\\u00e9', 'x'];

/** `text` as a JSON string's text with each character written at random: raw, `\uXXXX` (hex case at
 * random per digit), `/` as `\/`; `"` and `\` escaped (`\\`, `\u005c`) as JSON requires. */
function randomLevel(text: string, rand: () => number): string {
  let out = '';
  for (const c of text) {
    const std = JSON.stringify(c).slice(1, -1);
    if (rand() < 0.3) out += esc(c, () => rand() < 0.5);
    else if (std !== c) out += std;
    else if (c === '/' && rand() < 0.5) out += '\\/';
    else out += c;
  }
  return out;
}

describe('gateway: redactor, seeded random streams with the key spelled at random at both levels', () => {
  it('400 streams cut into random reads: each text read twice is the text redacted, valid JSON at both levels, byte-identical without the key', async () => {
    const rand = rng(23);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    let withKey = 0;
    for (let i = 0; i < 400; i++) {
      const texts: string[] = [];
      for (let n = 1 + Math.floor(rand() * 3); n > 0; n--) {
        let t = '';
        for (let k = 1 + Math.floor(rand() * 5); k > 0; k--) t += pick(WORDS);
        texts.push(t);
      }
      const events = texts.map((t) => `data: {"error":{"metadata":{"raw":"${randomLevel(randomLevel(t, rand), rand)}"}}}\n\n`);
      const bytes = Buffer.from(events.join(''));
      const pieces: Buffer[] = [];
      for (let at = 0; at < bytes.length; ) {
        const n = 1 + Math.floor(rand() * 60);
        pieces.push(bytes.subarray(at, at + n));
        at += n;
      }
      const out = await drain(r.body(bodyOf(pieces)));
      const where = `stream ${i}: ${events.join('')}`;
      if (!texts.some((t) => t.includes(KEY))) {
        assert.equal(out, bytes.toString(), where);
        continue;
      }
      withKey++;
      const got = out
        .split('\n\n')
        .slice(0, -1)
        .map((e) => JSON.parse((JSON.parse(e.slice(6)) as { error: { metadata: { raw: string } } }).error.metadata.raw.replace(/^/, '"').replace(/$/, '"')) as string);
      assert.deepEqual(got, texts.map((t) => r.text(t)), where);
    }
    assert.equal(withKey > 150, true, `only ${withKey} streams held the key`);
  });

  it('a key no serializer escapes a character of (an OpenRouter key) three and four levels deep, by every serializer, in a body cut at every byte', async () => {
    // Deeper than two levels only a key's raw characters are searched (README): a key of letters, digits
    // and `-` is written the same at every level, so it is caught at any depth
    const key = 'sk-or-v1-0a1b2c3d4e5f60718293a4b5c6d7e8f9';
    const rk = new Redactor(headerSecrets({ authorization: `Bearer ${key}` }));
    const serializers: Record<string, (s: string) => string> = {
      JSON: (s) => JSON.stringify(s),
      'PHP (\\/)': (s) => JSON.stringify(s).replace(/\//g, '\\/'),
      ensure_ascii: (s) => JSON.stringify(s).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    };
    for (const [name, ser] of Object.entries(serializers)) {
      let text = `{"error":{"message":"caf\u00e9 </> Bearer ${key} was refused"}}`;
      for (let depth = 1; depth <= 4; depth++) {
        text = `{"error":{"message":"Provider returned error","metadata":{"raw":${ser(text)}}}}`;
        if (depth < 3) continue;
        const bytes = Buffer.from(text);
        const whole = await drain(rk.body(bodyOf([bytes]), true));
        assert.equal(whole, text.replace(`Bearer ${key}`, '[redacted]'), `${name}, ${depth} levels`);
        for (let k = 1; k < bytes.length; k++) assert.equal(await drain(rk.body(bodyOf([bytes.subarray(0, k), bytes.subarray(k)]), true)), whole, `${name}, ${depth} levels, cut at ${k}`);
      }
    }
  });
});
