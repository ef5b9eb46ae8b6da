/** Bodies for the redactor's own tests: a RedactableBody over given reads, reading one back, a seeded run over many. */
import { strict as assert } from 'node:assert';
import type { RedactableBody, Redactor } from '../../../server/gateway/redact';
import { rng } from '../../bench/docs';

/** A body whose reads are `pieces`, then `fail` thrown if given; `dumped` counts its dump() calls. */
export function bodyOf(pieces: Buffer[], fail?: Error): RedactableBody & { dumped: number } {
  const b = {
    dumped: 0,
    async dump() {
      b.dumped++;
    },
    async text() {
      return Buffer.concat(pieces).toString();
    },
    async *[Symbol.asyncIterator]() {
      for (const p of pieces) yield p;
      if (fail) throw fail;
    },
  };
  return b;
}

/** Every read of `body`, in order. */
export async function reads(body: RedactableBody): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const b of body) out.push(b);
  return out;
}

/** The text of all the reads of `body`. */
export async function drain(body: RedactableBody): Promise<string> {
  return Buffer.concat(await reads(body)).toString();
}

/**
 * The redactor's seeded property run over escaped streams: `streams` streams of 1-4 content events, each
 * text 1-5 words of `words` written as a JSON string by `spell`, cut into random reads of 1-60 bytes.
 * A stream without `key` in its texts must come out byte-identical; one with it must decode to what
 * redacting each decoded text gives (so it is still valid JSON). Returns how many streams held the key.
 */
export async function randomEscapedStreams(r: Redactor, key: string, words: readonly string[], spell: (text: string, rand: () => number) => string, seed: number, streams = 500): Promise<number> {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  let withKey = 0;
  for (let i = 0; i < streams; i++) {
    const texts: string[] = [];
    for (let n = 1 + Math.floor(rand() * 4); n > 0; n--) {
      let t = '';
      for (let k = 1 + Math.floor(rand() * 5); k > 0; k--) t += pick(words);
      texts.push(t);
    }
    const events = texts.map((t) => `data: {"choices":[{"index":0,"delta":{"content":${spell(t, rand)}}}]}\n\n`);
    const bytes = Buffer.from(events.join(''));
    const pieces: Buffer[] = [];
    for (let at = 0; at < bytes.length; ) {
      const n = 1 + Math.floor(rand() * 60);
      pieces.push(bytes.subarray(at, at + n));
      at += n;
    }
    const out = await drain(r.body(bodyOf(pieces)));
    const where = `stream ${i}: ${events.join('')}`;
    if (!texts.some((t) => t.includes(key))) {
      assert.equal(out, bytes.toString(), where);
      continue;
    }
    withKey++;
    const got = out.split('\n\n').slice(0, -1).map((e) => (JSON.parse(e.slice(6)) as { choices: { delta: { content: string } }[] }).choices[0]!.delta.content);
    assert.deepEqual(got, texts.map((t) => r.text(t)), where);
  }
  return withKey;
}

/**
 * Whether `text` shows a secret's base64 form: any run of base64 characters in it, read from any of its
 * first four characters (standard or URL-safe, JSON's `\/` read as `/`), decodes to 6 or more consecutive
 * bytes of `random` (the secret's random part), or `text` holds `random`'s first `plain` characters as they
 * are. The secrets tests' oracle: it knows nothing of how the redactor searches.
 */
export function revealsBase64(text: string, random: string, plain: number): boolean {
  const windows = new Set<string>();
  for (let i = 0; i + 6 <= random.length; i++) windows.add(random.slice(i, i + 6));
  for (const run of text.replace(/\\\//g, '/').match(/[A-Za-z0-9+/_-]{8,}/g) ?? []) {
    for (let at = 0; at < 4; at++) {
      const part = run.slice(at, at + Math.floor((run.length - at) / 4) * 4);
      const decoded = Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1');
      for (const w of windows) if (decoded.includes(w)) return true;
    }
  }
  return text.includes(random.slice(0, plain));
}
