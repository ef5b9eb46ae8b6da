/**
 * A key's base64 form and the reads an upstream's bytes come in: the redactor's output (Redactor.body, and
 * passthrough's guard after it) is the same wherever the reads are cut, for every cut into two reads and
 * every pair of cuts into three reads around the encoding. Before: a read that ended with the encoding's
 * first characters, fewer than its head (not held: the rest was to bring the whole tail), then a read that
 * went on inside the encoding and ended there (the body's end, or a third read with the rest) sent the
 * middle of the encoding as it came (7 of 7 failed). Written with escapes of some of its characters (`\u0063`; `\\u0063`
 * in the bytes of a text that is itself JSON, the second level) it was not matched at all (4 of 4 failed).
 */
import { strict as assert } from 'node:assert';
import { createPassthroughGuard } from '../../../server/gateway/passthroughGuard';
import { Redactor } from '../../../server/gateway/redact';
import { bodyOf, reads, revealsBase64 } from '../helpers/redactBody';

// `~`, `?`, `>` put `+` and `/` in the encoding at every alignment (a hex key has neither)
const KEY = 'sk-or-v1-7d2f~9a41?c0e3>b58f6a2d~9c71e4b0a3f5?c1d8e2b7f4a6';
const AUTH = `Bearer ${KEY}`;
const PUBLIC = 'sk-or-v1-'.length;
const RANDOM = KEY.slice(PUBLIC);
const PRE = ['', 'x', 'xy'] as const;
// `escaped1`: every third character written as a JSON escape (`\u0063`); `escaped2`: so in a text that is
// itself JSON (`\\u0063` in the bytes)
const SPELLINGS = ['base64', 'base64url', 'slash', 'escaped1', 'escaped2'] as const;
type Spelling = (typeof SPELLINGS)[number];

/** The bytes' text with `escaped2`'s escapes read (as a client that parses the text once more reads them). */
const unescape2 = (text: string): string => text.replace(/\\\\?u00([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
const reveals = (text: string): boolean => revealsBase64(text, RANDOM, 8) || revealsBase64(unescape2(text), RANDOM, 8);

/** `s`, characters of a base64 text from its start, with those at 1, 4, 7, … written `\\u00XX` (either case). */
const escape2 = (s: string, level = 2): string => [...s].map((c, i) => (i % 3 === 1 ? '\\'.repeat(level) + 'u00' + (i % 2 === 0 ? c.charCodeAt(0).toString(16) : c.charCodeAt(0).toString(16).toUpperCase()) : c)).join('');

/** A JSON string's bytes as its text. */
const text = (bytes: string): string => JSON.parse(`"${bytes}"`) as string;

/** `pre` + the credential header base64-encoded, as a JSON string's bytes hold it (`slash`: `/` as `\/`). */
function encode(pre: string, spelling: Spelling): string {
  const b = Buffer.from(pre + AUTH);
  if (spelling === 'escaped1' || spelling === 'escaped2') return escape2(b.toString('base64'), spelling === 'escaped1' ? 1 : 2);
  return spelling === 'base64url' ? b.toString('base64url') : spelling === 'slash' ? b.toString('base64').replace(/\//g, '\\/') : b.toString('base64');
}

/** The encoding's first `at` characters (all of it: `at` omitted) as the client must get them: the
 * characters that stand for bytes before the key's secret part (at least the key's first 4 encoded
 * characters) as they are, then `[redacted]`, then those past the key's own (they share bits with the
 * bytes after it). Character i of a base64 text stands for bits [6i, 6i + 6). */
function redacted(pre: string, spelling: Spelling, at?: number): string {
  const plain = Buffer.from(pre + AUTH).toString(spelling === 'base64url' ? 'base64url' : 'base64');
  const o = pre.length + 'Bearer '.length;
  const pad = o % 3;
  const group = ((o - pad) / 3) * 4;
  const start = group + (pad === 0 ? 0 : pad + 1);
  const end = group + Math.floor((pad + KEY.length) / 3) * 4;
  const keep = start + Math.max(Math.floor((8 * (o + PUBLIC)) / 6) - start, 4);
  // in the spelling's characters (`slash`: `/` as `\/`)
  const spell = (n: number) => (spelling === 'slash' ? plain.slice(0, n).replace(/\//g, '\\/').length : spelling === 'escaped1' || spelling === 'escaped2' ? escape2(plain.slice(0, n), spelling === 'escaped1' ? 1 : 2).length : n);
  const e = encode(pre, spelling);
  const to = at ?? e.length;
  return e.slice(0, spell(keep)) + '[redacted]' + e.slice(spell(end), Math.max(spell(end), to));
}

/** The texts of a stream's content events, joined. */
function content(sseText: string): string {
  let t = '';
  for (const block of sseText.split('\n\n')) {
    if (!block.startsWith('data: {')) continue;
    t += (JSON.parse(block.slice(6)) as { choices: { delta: { content: string } }[] }).choices[0]!.delta.content;
  }
  return t;
}

const event = (text: string) => `data: {"choices":[{"index":0,"delta":{"content":"${text}"}}]}\n\n`;

/**
 * The streams: an event cut inside the encoding by the body's end (an upstream that closed mid-event), at
 * its head and further on; the whole encoding in an event (then `[DONE]`); an event whose text ends inside
 * the encoding and the next that brings its rest. Each with where the encoding starts in its bytes.
 */
function streams(pre: string, spelling: Spelling): { name: string; bytes: Buffer; from: number; at?: number }[] {
  const e = encode(pre, spelling);
  const k = redacted(pre, spelling).indexOf('[redacted]');
  const out: { name: string; bytes: Buffer; from: number; at?: number }[] = [];
  const open = event('I saw ');
  for (const at of [k + 1, e.length - 3]) {
    const s = `${open}data: {"choices":[{"index":0,"delta":{"content":"I saw ${e.slice(0, at)}`;
    out.push({ name: `cut by the body's end ${at} characters into it`, bytes: Buffer.from(s), from: s.length - at, at });
  }
  const whole = `${open}${event(`I saw ${e} here`)}data: [DONE]\n\n`;
  out.push({ name: 'whole in an event', bytes: Buffer.from(whole), from: whole.indexOf(e) });
  // (escaped1: before the escape of a character at the middle; escaped2: inside it, after its `\\u`)
  const plain = Buffer.from(pre + AUTH).toString('base64');
  const half = Math.floor(plain.length / 2);
  const h = half - ((half + 2) % 3);
  const cut = spelling === 'escaped1' ? escape2(plain.slice(0, h), 1).length : spelling === 'escaped2' ? escape2(plain.slice(0, h)).length + 3 : Math.floor(e.length / 2);
  const two = `${open}${event(`I saw ${e.slice(0, cut)}`)}${event(`${e.slice(cut)} here`)}data: [DONE]\n\n`;
  out.push({ name: 'across two events', bytes: Buffer.from(two), from: two.indexOf(e.slice(0, cut)) });
  return out;
}

const r = new Redactor([KEY, AUTH]);

async function bodyText(pieces: Buffer[]): Promise<string> {
  return Buffer.concat(await reads(r.body(bodyOf(pieces)))).toString();
}

async function passthroughText(pieces: Buffer[]): Promise<string> {
  const g = createPassthroughGuard(r)!;
  const out: Buffer[] = [];
  for (const b of await reads(r.body(bodyOf(pieces)))) {
    const o = g.push(b);
    if (o !== null) out.push(o);
  }
  const last = g.end();
  if (last !== null) out.push(last);
  return Buffer.concat(out).toString();
}

/** Every cut of `bytes` into two reads, and into three with the first cut in the encoding's first 20
 * characters (its kept ones and past them: a start not held, or held) or the 2 bytes before, the second
 * after it up to 2 bytes past the encoding (`bytes[from, to)`). */
function* splits(bytes: Buffer, from: number, to: number): Generator<{ pieces: Buffer[]; where: string }> {
  for (let a = 1; a < bytes.length; a++) yield { pieces: [bytes.subarray(0, a), bytes.subarray(a)], where: `reads cut at ${a}` };
  const last = Math.min(bytes.length - 1, to + 2);
  for (let a = Math.max(1, from - 2); a <= Math.min(last, from + 20); a++) {
    for (let b = a + 1; b <= last; b++) yield { pieces: [bytes.subarray(0, a), bytes.subarray(a, b), bytes.subarray(b)], where: `reads cut at ${a} and ${b}` };
  }
}

describe('redaction: a key’s base64 form, the upstream’s bytes cut into reads anywhere', () => {
  for (const spelling of SPELLINGS) {
    it(`${spelling}: Redactor.body gives the same bytes for every cut into 2 and 3 reads`, async function () {
      // some thousand reads of each stream: seconds on a loaded machine
      this.timeout(300_000);
      for (const pre of PRE) {
        for (const { name, bytes, from, at } of streams(pre, spelling)) {
          const want = await bodyText([bytes]);
          const where = `${pre.length} byte(s) before, ${name}`;
          // one read: the encoding cut by the body's end shows its kept characters then [redacted]
          if (at !== undefined) assert.equal(want.slice(want.lastIndexOf('I saw ')), `I saw ${redacted(pre, spelling, at)}`, where);
          if (name.startsWith('whole')) assert.equal(content(want), text(`I saw I saw ${redacted(pre, spelling)} here`), where);
          if (!name.startsWith('across')) assert.ok(!reveals(want), `${where}: ${want}`);
          for (const s of splits(bytes, from, from + encode(pre, spelling).length)) assert.equal(await bodyText(s.pieces), want, `${where}, ${s.where}`);
        }
      }
    });

    it(`${spelling}: passthrough (Redactor.body, then its guard) gives the same bytes for every cut into 2 and 3 reads, none showing the key`, async function () {
      this.timeout(300_000);
      for (const pre of PRE) {
        for (const { name, bytes, from, at } of streams(pre, spelling)) {
          const want = await passthroughText([bytes]);
          const where = `${pre.length} byte(s) before, ${name}`;
          assert.ok(!reveals(want), `${where}: ${want}`);
          if (at !== undefined) assert.equal(want.slice(want.lastIndexOf('I saw ')), `I saw ${redacted(pre, spelling, at)}`, where);
          else assert.equal(content(want), text(`I saw I saw ${redacted(pre, spelling)} here`), where);
          for (const s of splits(bytes, from, from + encode(pre, spelling).length)) assert.equal(await passthroughText(s.pieces), want, `${where}, ${s.where}`);
        }
      }
    });
  }

  it('a read that ends with the encoding’s first characters, fewer than its head, then one that ends inside it: held, not sent', async () => {
    const e = encode('xy', 'base64');
    const k = redacted('xy', 'base64').indexOf('[redacted]');
    // the key's own characters start at 12 (`xyBearer ` is 9 bytes): a read ending one character into them
    const first = `data: {"choices":[{"index":0,"delta":{"content":"I saw ${e.slice(0, 13)}`;
    // the next read ends past the kept characters: nothing of it goes out before the body's end decides
    const out = await reads(r.body(bodyOf([Buffer.from(first), Buffer.from(e.slice(13, k + 6))])));
    assert.deepEqual(out.map(String), [first, `${e.slice(13, k)}[redacted]`]);
    // within the kept characters, a read goes as it came
    const within = await reads(r.body(bodyOf([Buffer.from(first), Buffer.from(e.slice(13, k)), Buffer.from('"}}]}\n\n')])));
    assert.deepEqual(within.map(String), [first, e.slice(13, k), '"}}]}\n\n']);
    // a third read with the rest: the whole tail replaced
    const rest = await reads(r.body(bodyOf([Buffer.from(first), Buffer.from(e.slice(13, k + 6)), Buffer.from(`${e.slice(k + 6)} here"}}]}\n\n`)])));
    assert.equal(rest.map(String).join(''), `data: {"choices":[{"index":0,"delta":{"content":"I saw ${redacted('xy', 'base64')} here"}}]}\n\n`);
    assert.equal(rest.length, 2);
  });
});
