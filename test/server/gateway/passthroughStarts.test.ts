/**
 * The passthrough guard's byte test (Redactor.startsEnding, mayEndWithStart): an event it finds no start in
 * goes out unread, so it must never call an event clean whose text the full path (the event's text
 * through a fresh text stage, as the guard's channels run it) would hold back, change, or remember as a
 * secret's start sent. Checked over random texts built from every spelling the redactor knows (raw,
 * `\uXXXX` in either case at the first level, at the second level with the inner backslash as `\\` or
 * `\u005c`, `\/`, base64 forms standard and URL-safe, raw or with escapes of their characters in the
 * text), cut at every character, each text written into an
 * event with random escapes of its own characters (a base64 form's too), several events a read. And the
 * search's exact edges.
 */
import { strict as assert } from 'node:assert';
import { PASSTHROUGH_MIN_HOLD } from '../../../server/gateway/passthroughGuard';
import { headerSecrets, Redactor } from '../../../server/gateway/redact';
import { rng } from '../../bench/docs';

const KEYS = [
  // an OpenRouter key (the benchmark's)
  'sk-or-v1-' + '3f9a0c7e51b2d8461e0f7a9c3b5d2e8f'.repeat(2),
  // a key with `/`, a non-ASCII character and a character outside the BMP
  'sk-caf/\u00e9-\u{1f511}-0123456789',
  // a key whose first character is a hex digit (an escape's digits and the key's meet)
  'e0-token-ABCDEFGH',
];

function redactorOf(key: string): Redactor {
  return new Redactor([key, ...headerSecrets({ authorization: `Bearer ${key}` })]);
}

/** `s` as the body of a JSON string: each character raw (escaped where JSON must) or, at random, as
 * `\uXXXX` (either hex case; two escapes outside the BMP), `/` also as `\/`. */
function writeString(s: string, r: () => number, escapeRate: number): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (r() < escapeRate) {
      if (ch === '/' && r() < 0.5) {
        out += '\\/';
        continue;
      }
      const units = c > 0xffff ? [0xd800 + ((c - 0x10000) >> 10), 0xdc00 + ((c - 0x10000) & 0x3ff)] : [c];
      for (const u of units) {
        const hex = u.toString(16).padStart(4, '0');
        out += '\\u' + (r() < 0.5 ? hex : hex.toUpperCase());
      }
      continue;
    }
    out += JSON.stringify(ch).slice(1, -1);
  }
  return out;
}

/** The key (or `Bearer <key>`) as a text may hold it: raw, each character at random written as a JSON
 * escape of its own inside the text (the second level: the text is JSON a client may parse again), or a
 * base64 form. */
function spellings(key: string, r: () => number, round = 0): string[] {
  const second = (s: string) =>
    [...s]
      .map((ch) => {
        if (r() < 0.5 || ch.codePointAt(0)! > 0xffff) return ch;
        const hex = ch.charCodeAt(0).toString(16).padStart(4, '0');
        return (r() < 0.5 ? '\\u' : '\\u005cu') + (r() < 0.5 ? hex : hex.toUpperCase());
      })
      .join('');
  const out = [key, `Bearer ${key}`, second(key), second(key), JSON.stringify(key).slice(1, -1)];
  for (let pad = 0; pad < 3; pad++) {
    const b64 = Buffer.concat([Buffer.alloc(pad, 0x41), Buffer.from(key, 'latin1')]).toString('base64');
    const url = b64.replace(/\+/g, '-').replace(/\//g, '_');
    out.push(BASE64 + b64, BASE64 + url);
    // also with some of its characters written as escapes in the text (`\\u0063` in the bytes), one of the two,
    // every fourth round
    const escaped = (t: string) => [...t].map((ch) => (r() < 0.5 ? ch : '\\u00' + (r() < 0.5 ? ch.charCodeAt(0).toString(16) : ch.charCodeAt(0).toString(16).toUpperCase()))).join('');
    if (round % 4 === 0) out.push(BASE64 + escaped(r() < 0.5 ? b64 : url));
  }
  return out;
}

/** Marks a base64 spelling (written into its event with random escapes of its characters like any text:
 * `c2stb3I\u0074...`, an event the byte test reads). */
const BASE64 = '\u0000b64:';

const FILLER = 'ask tasks risk- s k - \\ u 0 7 3 e E " / x\u00e9 0123 ';

function randomPrefix(r: () => number): string {
  let s = '';
  const n = Math.floor(r() * 6);
  for (let i = 0; i < n; i++) s += FILLER[Math.floor(r() * FILLER.length)];
  return s;
}

function event(texts: string[], r: () => number, escapes = true): string {
  const rate = !escapes || r() < 0.5 ? 0 : r();
  const parts = texts.map((t, i) => `"${['content', 'reasoning', 'refusal'][i % 3]}":"${writeString(t, r, rate)}"`);
  return `data: {"id":"gen-1","provider":"OpenAI","choices":[{"index":0,"delta":{${parts.join(',')}},"finish_reason":null,"logprobs":null}],"sfx_sent":1}\n\n`;
}

/** What the full path does with a text in a clean channel: anything but giving it back as it is and
 * forgetting it. */
function fullPathTracks(redactor: Redactor, text: string): boolean {
  const stage = redactor.textStage(PASSTHROUGH_MIN_HOLD)!;
  const out = stage.push(text);
  return out !== text || stage.open;
}

describe('passthrough guard: the byte test never calls an event clean that the full path would track', () => {
  for (const key of KEYS) {
    it(`every spelling cut at every character, random escapes, several events a read (${JSON.stringify(key.slice(0, 8))}…)`, function () {
      // some hundred thousand events: seconds on a loaded machine
      this.timeout(120_000);
      const redactor = redactorOf(key);
      const r = rng(0x5eed + key.length);
      let checked = 0;
      let clean_ = 0;
      for (let round = 0; round < 40; round++) {
        for (const spelled of spellings(key, r, round)) {
          const base64 = spelled.startsWith(BASE64);
          const sp = base64 ? spelled.slice(BASE64.length) : spelled;
          for (let cut = 1; cut <= sp.length; cut++) {
            // the cut start in the middle of a text now and then (an event that ends clean)
            const text = randomPrefix(r) + sp.slice(0, cut) + (r() < 0.3 ? ' ok.' : '');
            const others = r() < 0.3 ? [randomPrefix(r) + 'ok'] : [];
            const texts = r() < 0.5 ? [text, ...others] : [...others, text];
            const ev = event(texts, r);
            const before = r() < 0.5 ? event([randomPrefix(r) + 'x'], r) : '';
            const after = r() < 0.5 ? event([randomPrefix(r)], r) : '';
            // the guard reads what the byte redaction (body()) made of the upstream's bytes: a whole
            // secret in an event is replaced there
            const clean = redactor.bytes(Buffer.from(ev));
            const read = Buffer.concat([Buffer.from(before), clean, Buffer.from(after)]);
            const start = Buffer.byteLength(before);
            const end = start + clean.length;
            const starts = redactor.startsEnding(read);
            const inRead = starts.some((at) => at >= start && at < end);
            const alone = redactor.mayEndWithStart(clean);
            let parsed: unknown;
            try {
              parsed = JSON.parse(clean.toString().slice(6));
            } catch (e) {
              throw new Error(`${String(e)}: ${ev} -> ${clean.toString()}`);
            }
            const delta = (parsed as { choices: { delta: Record<string, string> }[] }).choices[0]!.delta;
            const tracks = Object.values(delta).some((t) => fullPathTracks(redactor, t));
            checked++;
            if (!alone) clean_++;
            if (tracks) {
              assert.equal(alone, true, `alone: ${ev}`);
              assert.equal(inRead, true, `in a read: ${ev}`);
            }
          }
        }
      }
      // the test is not vacuous: many events are clean, many tracked
      assert.ok(clean_ > checked / 20 && clean_ < checked, `${clean_} clean of ${checked}`);
    });
  }
});

describe('passthrough guard: the byte test\'s edges', () => {
  const KEY = KEYS[0]!;
  const redactor = redactorOf(KEY);
  const ev = (content: string) => `data: {"choices":[{"index":0,"delta":{"content":"${content}"}}]}\n\n`;
  const may = (bytes: string) => redactor.mayEndWithStart(Buffer.from(bytes));

  it('a start of one character or more right before a value\'s quote, never before a name\'s', () => {
    for (let k = 1; k < KEY.length; k++) assert.equal(may(ev(`x ${KEY.slice(0, k)}`)), true, `k = ${k}`);
    assert.equal(may(ev(KEY)), false);
    assert.equal(may('data: {"choices":[{"delta":{"sk":"a","s" : "b"}}]}\n\n'), false);
    assert.equal(may('data: {"logprobs":null,"choices":[]}\n\n'), false);
  });

  it('a start in the last bytes of a read: the value\'s quote its last byte, or the start itself', () => {
    const e = ev('x sk-or');
    const quote = e.indexOf('sk-or"') + 'sk-or"'.length;
    const starts = redactor.startsEnding(Buffer.from(e.slice(0, quote)));
    assert.deepEqual(starts, [e.indexOf('sk-or"')]);
    // cut before the quote: no value ends in this read (the event is read when it is whole)
    assert.deepEqual(redactor.startsEnding(Buffer.from(e.slice(0, quote - 1))), []);
  });

  it('a text that ends inside an escape: a lone backslash always, `\\u` and 1-3 digits only of a secret\'s character', () => {
    // as the event's bytes write them: `\\` then the escape's start
    for (const tail of ['\\\\', '\\\\u', '\\\\u0', '\\\\u00', '\\\\u007', '\\\\u0073', '\\\\u006', '\\\\u002']) assert.equal(may(ev(`x ${tail}`)), true, tail);
    // no character of the key is U+00E0-U+00EF, none U+01xx
    for (const tail of ['\\\\u00e', '\\\\u00E', '\\\\u01', '\\\\u1', '\\\\u00f']) assert.equal(may(ev(`x ${tail}`)), false, tail);
    // a key with é: its escape's start is one
    const accented = redactorOf('sk-caf\u00e9-0123456789');
    for (const tail of ['\\\\u00e', '\\\\u00E']) assert.equal(accented.mayEndWithStart(Buffer.from(ev(`x ${tail}`))), true, tail);
    // a key with a backslash: every escape's start may be one
    const quoted = redactorOf('sk-a\\b-0123456789');
    assert.equal(quoted.mayEndWithStart(Buffer.from(ev('x \\\\u00e'))), true);
  });

  it('a base64 form\'s first characters (one or more) before a value\'s quote: at a read\'s first byte, in its last bytes; a form\'s character written as an escape', () => {
    const forms = [KEY, ...(redactor as unknown as { encoded: { form: string }[] }).encoded.map((f) => f.form)];
    // a text ending with one or more of the key's or a base64 form's first characters (a proper prefix)
    const endsWithStart = (t: string) => forms.some((f) => [...Array(f.length - 1).keys()].some((a) => t.endsWith(f.slice(0, a + 1))));
    for (const pad of [0, 1, 2]) {
      // the characters that stand for the key's bytes alone (redact.ts base64Forms)
      const b64 = Buffer.concat([Buffer.alloc(pad, 0x41), Buffer.from(KEY)]).toString('base64').slice(pad === 0 ? 0 : pad + 1, Math.floor((pad + KEY.length) / 3) * 4);
      for (const form of [b64, b64.replace(/\+/g, '-').replace(/\//g, '_')]) {
        for (let cut = 1; cut < form.length - 1; cut++) {
          const value = `${form.slice(0, cut)}"}}]}\n\n`;
          const e = `data: {"choices":[{"delta":{"content":"${value}`;
          const at = e.indexOf(value);
          assert.equal(redactor.startsEnding(Buffer.from(e)).includes(at), true, `pad ${pad} cut ${cut}`);
          // the value's start as the read's first byte
          assert.equal(redactor.startsEnding(Buffer.from(value)).includes(0), true, `pad ${pad} cut ${cut}, at 0`);
          // its first byte changed: flagged only where what is left ends with some form's start
          const other = String.fromCharCode(form.charCodeAt(0) === 0x41 ? 0x42 : 0x41) + value.slice(1);
          assert.equal(redactor.startsEnding(Buffer.from(other)).length > 0, endsWithStart(other.slice(0, cut)), `pad ${pad} cut ${cut}, first byte changed`);
          // a name's quote, not a value's
          assert.deepEqual(redactor.startsEnding(Buffer.from(`{"${form.slice(0, cut)}": 1}`)), [], `pad ${pad} cut ${cut}, a name`);
        }
      }
    }
    // a character of a form written as an escape: the event is read (its text seen decoded); one of no form's is not
    assert.equal(may(ev('x \\u0063 y')), true);
    assert.equal(may(ev('x \\u004E y')), true);
    assert.equal(may(ev('x \\u00e9 y')), false);
    assert.equal(may(ev('x \\u0021 y')), false);
  });

  it('an escape cut by its text\'s end flags its own event only, not every event of the read with a `\\\\`', () => {
    const a = ev('caf\\\\u00e9 \\\\u00e9t\\\\u00e9');
    const b = ev('x \\\\u00');
    const read = Buffer.from(a + b);
    assert.deepEqual(redactor.startsEnding(read), [a.length + b.indexOf('\\\\u00')]);
    const c = ev('x \\\\u00e');
    assert.deepEqual(redactor.startsEnding(Buffer.from(a + c)), []);
  });
});

describe('byte redaction: each secret and base64 tail searched from a rarer byte of it (literalBytes, encodedIn)', () => {
  it('replaced wherever it is (a read\'s first and last bytes, alone, twice, overlapping its anchor\'s bytes), never a near miss', () => {
    for (const key of KEYS) {
      const redactor = redactorOf(key);
      const raw = Buffer.from(key);
      const b64 = b64ForTest(key);
      for (const secret of [raw.toString('latin1'), b64]) {
        const s = Buffer.from(secret, 'latin1');
        const shown = (out: Buffer) => out.includes(s);
        for (const [before, after] of [['', ''], ['', ' x"}\n\n'], ['data: {"a":"', ''], ['data: {"a":"', '"}\n\n'], [secret.slice(0, 5), secret.slice(-5)]]) {
          const buf = Buffer.concat([Buffer.from(before!, 'latin1'), s, Buffer.from(after!, 'latin1')]);
          assert.equal(shown(redactor.bytes(buf)), false, `${key} ${secret.slice(0, 6)} ${JSON.stringify([before, after])}`);
          assert.equal(redactor.bytes(buf).includes(Buffer.from('[redacted]')), true);
          assert.equal(shown(redactor.bytes(Buffer.concat([buf, buf]))), false);
        }
        // the key with any one byte changed is not the key: the read goes out as it came
        if (secret === b64) continue;
        for (let i = 0; i < s.length; i++) {
          const near = Buffer.from(s);
          near[i] = near[i] === 0x41 ? 0x42 : 0x41;
          const buf = Buffer.concat([Buffer.from('data: {"a":"'), near, Buffer.from('"}\n\n')]);
          assert.equal(redactor.bytes(buf), buf, `${key} changed at ${i}`);
        }
      }
      // a base64 tail in an event the guard joined from two reads
      const tail = b64ForTest(key);
      assert.equal(redactor.encodedIn(Buffer.from(`data: {"a":"${tail}"}\n\n`)).includes(Buffer.from(tail.slice(-20))), false, key);
      assert.deepEqual(redactor.encodedIn(Buffer.from(`data: {"a":"${tail.slice(0, -1)}"}\n\n`)).toString(), `data: {"a":"${tail.slice(0, -1)}"}\n\n`);
    }
  });
});

/** The key in base64 from a 3-byte boundary, its whole groups (its bytes latin1 where it can be, as a
 * header's are: redact.ts base64Forms). */
function b64ForTest(key: string): string {
  const raw = Buffer.from(key, /[^\u0000-\u00ff]/.test(key) ? 'utf8' : 'latin1');
  return raw.toString('base64').slice(0, Math.floor(raw.length / 3) * 4);
}
