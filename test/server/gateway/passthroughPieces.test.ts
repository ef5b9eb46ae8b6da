/**
 * Passthrough (the redacted body, then the guard, as the gateway runs them) with the key, in any spelling,
 * spread over 2, 3, 4 or 8 events cut at random characters: the text a client joins from the events never
 * holds more of a form of the key than its public start (the raw key: at most its public start or the 3
 * characters the guard sends before it holds; a base64 form: its kept characters), nor 8 characters in a row
 * of the part after it, also where the client parses the text as JSON once more (the second level). Spellings: raw, `Bearer <key>`,
 * `\uXXXX` escapes of its characters at the first level (either case) and at the second (the inner
 * backslash `\\` or `\u005c`), `\/`, base64
 * standard and URL-safe at each alignment; each event written with random escapes of its own characters
 * (a base64 form's too), a second channel's text beside it or in an event of its own between two of the key's now and then (the
 * events a guard that remembers a start may send unread: `TextRedaction.continuations`), the upstream's bytes cut into
 * random reads. Before: a base64 form over 3 or more events went out in its pieces when the event with its
 * first characters held fewer than its head (README; 613 of 1,249 three-event cuts for passthroughGuard.test.ts's key).
 */
import { strict as assert } from 'node:assert';
import { createPassthroughGuard } from '../../../server/gateway/passthroughGuard';
import { headerSecrets, Redactor } from '../../../server/gateway/redact';
import { publicLength } from '../../../server/gateway/keyPrefix';
import { rng } from '../../bench/docs';
import { bodyOf } from '../helpers/redactBody';

const KEYS = [
  'sk-or-v1-' + '3f9a0c7e51b2d8461e0f7a9c3b5d2e8f'.repeat(2),
  'sk-caf/\u00e9-\u{1f511}-0123456789',
  'e0-token-ABCDEFGH',
  // `~`, `?`, `>` put `+` and `/` in its base64 at every alignment
  'sk-or-v1-7d2f~9a41?c0e3>b58f6a2d~9c71e4b0a3f5?c1d8e2b7f4a6',
];

const FILLER = 'ask tasks risk- s k - \\ u 0 7 3 e E c N z " / x\u00e9 0123 ';

/** Characters that go on with a start of the test keys or their base64 forms. */
const CONTINUING = 'k-or2stbNrLWzay1v0e\u00e9/+';

function filler(r: () => number, max: number): string {
  let s = '';
  const n = Math.floor(r() * (max + 1));
  for (let i = 0; i < n; i++) s += FILLER[Math.floor(r() * FILLER.length)];
  return s;
}

/** `s` as a JSON string's body: each character raw or, at random, `\uXXXX` (either case), `/` also `\/`. */
function writeString(s: string, r: () => number, rate: number): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (r() < rate) {
      if (ch === '/' && r() < 0.5) {
        out += '\\/';
        continue;
      }
      const hex = ch.charCodeAt(0).toString(16).padStart(4, '0');
      out += '\\u' + (r() < 0.5 ? hex : hex.toUpperCase());
      continue;
    }
    out += JSON.stringify(ch).slice(1, -1);
  }
  return out;
}

/** The key as a text may hold it. */
function spellings(key: string, r: () => number): string[] {
  const second = (s: string) =>
    [...s]
      .map((ch) => {
        if (r() < 0.5 || ch.codePointAt(0)! > 0xffff) return ch;
        const hex = ch.charCodeAt(0).toString(16).padStart(4, '0');
        return '\\u' + (r() < 0.5 ? hex : hex.toUpperCase());
      })
      .join('');
  const out = [key, `Bearer ${key}`, second(key), JSON.stringify(key).slice(1, -1)];
  for (let pad = 0; pad < 3; pad++) {
    // a header's bytes: latin1 where it can be, else UTF-8 (redact.ts base64Forms)
    const bytes = Buffer.from(key, /[^\u0000-\u00ff]/.test(key) ? 'utf8' : 'latin1');
    const b64 = Buffer.concat([Buffer.alloc(pad, 0x41), bytes]).toString('base64');
    const url = b64.replace(/\+/g, '-').replace(/\//g, '_');
    // also with random characters written as escapes in the text (a text that is itself JSON: `\\u0063`
    // in the bytes, the second level)
    out.push(b64, url, second(b64), second(url));
  }
  return out;
}

/** `t` as a client reads it, and as one that parses it as a JSON string's text once more (the second
 * level), when it is one. */
function decodeAll(t: string): string {
  let second: string | null;
  try {
    second = JSON.parse(`"${t.replace(/"/g, '\\"').replace(/[\u0000-\u001f]/g, ' ')}"`) as string;
  } catch {
    second = null;
  }
  return second === null ? t : `${t}\n${second}`;
}

const event = (fields: string, finish = false) =>
  `data: {"id":"gen-1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{${fields}},"finish_reason":${finish ? '"stop"' : 'null'}}]}\n\n`;

/** What the client reads of each channel: the guard's output events, parsed, their texts joined. */
function clientTexts(out: string): { content: string; reasoning: string } {
  let content = '';
  let reasoning = '';
  for (const block of out.split('\n\n')) {
    if (!block.startsWith('data: ') || block === 'data: [DONE]') continue;
    const d = (JSON.parse(block.slice(6)) as { choices: { delta: { content?: string; reasoning?: string } }[] }).choices[0]!.delta;
    content += d.content ?? '';
    reasoning += d.reasoning ?? '';
  }
  return { content, reasoning };
}

async function passthrough(redactor: Redactor, upstream: Buffer, r: () => number): Promise<string> {
  const pieces: Buffer[] = [];
  for (let at = 0; at < upstream.length; ) {
    const n = 1 + Math.floor(r() * (r() < 0.5 ? 40 : 400));
    pieces.push(upstream.subarray(at, at + n));
    at += n;
  }
  const body = redactor.body(bodyOf(pieces), false);
  const g = createPassthroughGuard(redactor, body)!;
  const out: Buffer[] = [];
  for await (const b of body) {
    const o = g.push(b);
    if (o) out.push(o);
  }
  const last = g.end();
  if (last) out.push(last);
  return Buffer.concat(out).toString();
}

describe('passthrough: the key spread over 2, 3, 4 or 8 events, every spelling, random cuts', () => {
  for (const key of KEYS) {
    it(`never more than a form's public start in the text a client joins (${JSON.stringify(key.slice(0, 8))}…)`, async function () {
      this.timeout(120_000);
      const redactor = new Redactor([key, ...headerSecrets({ authorization: `Bearer ${key}` })]);
      const forms = (redactor as unknown as { encoded: { form: string; keep: number }[] }).encoded.filter((f) => !f.form.includes('\\'));
      const shown = Math.max(publicLength(key), 3);
      // what must never be in it: each form's start one character past what may be shown, and any 8
      // characters in a row of what follows that
      const never: string[] = [key.slice(0, shown + 1), ...forms.map((f) => f.form.slice(0, f.keep + 1))];
      const secretParts = [key.slice(shown), ...forms.map((f) => f.form.slice(f.keep))];
      for (const p of secretParts) for (let i = 0; i + 8 <= p.length; i++) never.push(p.slice(i, i + 8));
      const r = rng(0xc0ffee + key.length);
      let runs = 0;
      let redacted = 0;
      for (let round = 0; round < 20; round++) {
        for (const sp of spellings(key, r)) {
          for (const n of [2, 3, 4, 8]) {
            // (not ending in a backslash: the key's escapes after it would be no escapes at the second level)
            const prefix = filler(r, 5).replace(/\\+$/, '');
            const suffix = r() < 0.5 ? filler(r, 4) + ' ok.' : '';
            const text = prefix + sp + suffix;
            // n pieces cut at random characters (not inside a surrogate pair)
            const cuts = new Set<number>();
            while (cuts.size < n - 1) {
              const c = 1 + Math.floor(r() * (text.length - 1));
              if (!(text.charCodeAt(c) >= 0xdc00 && text.charCodeAt(c) <= 0xdfff)) cuts.add(c);
            }
            const bounds = [0, ...[...cuts].sort((a, b) => a - b), text.length];
            let upstream = '';
            let reasoning = '';
            const reason = (rate: number): string => {
              // another channel's text, which may begin with what would go on with the key (`k`, `-`, `2`, ...)
              const t = String.fromCharCode(CONTINUING.charCodeAt(Math.floor(r() * CONTINUING.length))) + filler(r, 3) + 'x';
              reasoning += t;
              return `"reasoning":"${writeString(t, r, rate)}"`;
            };
            for (let i = 0; i + 1 < bounds.length; i++) {
              const rate = r() < 0.5 ? 0 : r() * 0.5;
              let fields = `"content":"${writeString(text.slice(bounds[i], bounds[i + 1]), r, rate)}"`;
              if (r() < 0.3) fields = `${reason(rate)},` + fields;
              upstream += event(fields);
              // an event with the other channel's text alone between two of the key's
              if (r() < 0.3) upstream += event(reason(rate));
            }
            const end = r();
            if (end < 0.4) upstream += 'data: [DONE]\n\n';
            else if (end < 0.7) upstream += event('', true);
            const out = await passthrough(redactor, Buffer.from(upstream), r);
            const client = clientTexts(out);
            const seen = decodeAll(client.content);
            const where = `${JSON.stringify(text)} cut at ${bounds.slice(1, -1).join(', ')}: ${JSON.stringify(client.content)}`;
            for (const s of never) assert.equal(seen.includes(s), false, `${where} shows ${JSON.stringify(s)}`);
            // what is not the key goes through: the text before it and after it
            assert.equal(client.content.startsWith(prefix), true, where);
            assert.equal(client.content.endsWith(suffix), true, where);
            assert.equal(client.reasoning, reasoning, `${where}: the other channel`);
            if (client.content.includes('[redacted]')) redacted++;
            runs++;
          }
        }
      }
      // not vacuous: the key was there to redact in most runs
      assert.ok(redacted > runs / 2, `${redacted} of ${runs}`);
    });
  }
});
