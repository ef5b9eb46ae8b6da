/**
 * A key the upstream echoes where the artifact's bound cuts a text (the head's end, the tail's start, or
 * both when the key is longer than what is dropped between them): the stored artifact holds none of the
 * key past its public start, in passthrough (whose artifact texts are not redacted as they stream) and in
 * the rewriting modes and /v1/messages, in the memory store and on disk, after a restart too; the client's
 * stream is the whole text, the key replaced. Each key is placed at every offset across each cut (every
 * split point of it), in events cut exactly at the artifact's head/tail cut.
 *
 * Before (issue 11, left open by trial 21): the artifact's joined text was redacted whole, so a key cut by
 * the seam was in neither piece whole and passthrough stored its two ends (`~sk-or-v1-5e0c9b7a31d8…` at
 * the head's end, `…c1b9d0e7~` at the tail's start).
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Daemon } from '../../../server/daemon';
import { seamed } from '../../../server/gateway/record';
import { Redactor } from '../../../server/gateway/redact';
import { SEAM, type TextCut } from '../../../shared/engine/boundedText';
import type { Artifact } from '../../../shared/protocol';
import { artifactOf, postChat, startTestDaemon } from '../helpers/gateway';
import { chunk, collect, sse, TestUpstream } from '../helpers/testUpstream';

const KEY = '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';
/** A client's own credential, forwarded upstream (the daemon has no key of its own then). */
const CLIENT = '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';
const PUBLIC = 'sk-or-v1-'.length;
const LIMIT = 400;
const HALF = LIMIT / 2;
const FILL = '~';
const REQ = { model: 'test/model', stream: true, messages: [{ role: 'user', content: 'hi' }] };

/** The gateway's own ids (`sfx_<time><12 hex>`, `msg_…`, `toolu_sfx…`): random hex, so over the
 * thousands of artifacts here one holds 6 characters of a key's hex now and then (`sfx_mx7bsf3lb8c3d6e69f14`
 * holds `8c3d6e`, which failed a full run once): they are no leak, and are left out of the search. */
const GATEWAY_IDS = /\b(?:sfx|msg|toolu_sfx)_?[0-9a-z]+/g;

/** Whether `text` holds 6 or more consecutive characters of a key's secret part (the gateway's ids aside), as sent, or in a run of
 * base64 characters read from any of its first four characters, or written with `\u00XX` escapes. */
function leaks(raw: string, key: string): boolean {
  const text = raw.replace(GATEWAY_IDS, '');
  const secret = key.slice(PUBLIC);
  const windows: string[] = [];
  for (let i = 0; i + 6 <= secret.length; i++) windows.push(secret.slice(i, i + 6));
  const plain = text.replace(/\\u00([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  if (windows.some((w) => plain.includes(w))) return true;
  for (const run of text.match(/[A-Za-z0-9+/_-]{8,}/g) ?? []) {
    for (let at = 0; at < 4; at++) {
      const decoded = Buffer.from(run.slice(at, at + Math.floor((run.length - at) / 4) * 4), 'base64').toString('latin1');
      if (windows.some((w) => decoded.includes(w))) return true;
    }
  }
  return false;
}

/** The text `fill` long with `form` from `at`. */
function textWith(form: string, at: number, length: number): string {
  return FILL.repeat(at) + form + FILL.repeat(length - at - form.length);
}

/** The upstream's stream of `text` as content deltas cut at each of `cuts` (the artifact's cuts). */
function upstream(text: string, cuts: number[]): string {
  const at = [0, ...cuts.filter((c) => c > 0 && c < text.length), text.length];
  return sse(...at.slice(1).map((to, i) => chunk({ content: text.slice(at[i], to) })), chunk({}, 'stop'), '[DONE]');
}

/**
 * What passthrough's artifact keeps of `text` (`Bearer <key>` at `f0`), cut at HALF and at `tail`: the head
 * ends `[redacted]` where it ends inside the key past its public start, the tail starts `[redacted]` where
 * it starts inside the key; a key whole in one piece is replaced alone (`Bearer [redacted]`).
 */
function passthroughKept(text: string, key: string, f0: number, tail: number): [string, string] {
  const k0 = f0 + 'Bearer '.length;
  const k1 = k0 + key.length;
  const piece = (from: number, to: number): string => {
    const start = from > k0 && from < k1 ? '[redacted]' + text.slice(k1, Math.max(k1, to)) : null;
    if (start !== null) return start;
    if (to > k0 && to < k1) return to - k0 <= PUBLIC ? text.slice(from, to) : text.slice(from, k0) + '[redacted]';
    return text.slice(from, to).replace(key, '[redacted]');
  };
  return [piece(0, HALF), piece(tail, text.length)];
}

/** What the artifact keeps of a text that went in redacted: its head and tail past the limit. */
function bounded(t: string): [string, string] {
  return t.length > LIMIT ? [t.slice(0, HALF), t.slice(t.length - HALF)] : [t, ''];
}

const FORMS = ['raw', 'base64', 'escaped'] as const;
type Form = (typeof FORMS)[number];
/** The key's spelling in the text: as sent (`Bearer <key>`), base64 of `Bearer <key>` (at an alignment),
 * or written with `\u00XX` escapes (a text that is itself JSON: tool arguments holding a request dump). */
function spell(form: Form, key: string, align = 0): string {
  if (form === 'raw') return `Bearer ${key}`;
  if (form === 'base64') return Buffer.from(`${'xy'.slice(0, align)}Bearer ${key}`).toString('base64');
  return [...key].map((c) => `\\u00${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
}

/** Where a seam is for a case: the head's end (text 1000 long), the tail's start (ditto), or both (the text
 * only 20 longer than the limit: 20 characters dropped, fewer than any spelling of the key). */
const SEAMS = [
  { name: "the head's end", length: 1000, seams: [HALF] },
  { name: "the tail's start", length: 1000, seams: [1000 - HALF] },
  { name: 'both (the key longer than the gap)', length: LIMIT + 20, seams: [HALF, LIMIT + 20 - HALF] },
];

/** Every place of `form` (length `n`) whose span holds every seam strictly inside it. */
function placesAcross(seams: number[], n: number, length: number): number[] {
  const out: number[] = [];
  for (let at = 0; at + n <= length; at++) if (seams.every((s) => at < s && s < at + n)) out.push(at);
  return out;
}

interface Started {
  up: TestUpstream;
  d: Daemon;
}

async function start(dataDir: string | null, apiKey: string | null): Promise<Started> {
  const up = await TestUpstream.start();
  const d = await startTestDaemon({ upstream: up.url, apiKey, maxArtifactText: LIMIT, dataDir });
  return { up, d };
}

async function stop(s: Started): Promise<void> {
  await s.d.close();
  await s.up.close();
}

async function messages(d: Daemon, mode: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${d.info.url}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-streamfix-mode': mode, ...headers },
    body: JSON.stringify({ model: 'test/model', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
  });
}

describe('secrets: a key where the artifact bound cuts a text', () => {
  it('seamed(): the piece before a cut ends as a text, the piece after it reads on from the seam context; the context is never kept', () => {
    const r = new Redactor([KEY]);
    const tail = 1000 - HALF;
    for (const seam of [HALF, tail]) {
      for (let f0 = seam - 79; f0 < seam; f0++) {
        const t = textWith(`Bearer ${KEY}`, f0, 1000);
        const cut: TextCut = { field: 'rawContent', at: HALF, chars: 1000 - LIMIT, [SEAM]: t.slice(0, tail) };
        const out = seamed({ rawContent: t.slice(0, HALF) + t.slice(tail), cuts: [cut] } as unknown as Artifact, r);
        const [head, end] = passthroughKept(t, KEY, f0, tail);
        assert.equal(out.rawContent, head + end, `Bearer at ${f0}`);
        assert.deepEqual(out.cuts, [{ field: 'rawContent', at: head.length, chars: 1000 - LIMIT }], `Bearer at ${f0}`);
        assert.equal(Object.getOwnPropertySymbols(out.cuts![0]!).length, 0);
      }
    }
    // no redactor: the text as it was, the context dropped
    const text = textWith(`Bearer ${KEY}`, 150, 1000);
    const cut: TextCut = { field: 'rawContent', at: HALF, chars: 600, [SEAM]: 'x' };
    const plain = seamed({ rawContent: text.slice(0, 400), cuts: [cut] } as unknown as Artifact, null);
    assert.equal(plain.rawContent, text.slice(0, 400));
    assert.deepEqual(plain.cuts, [{ field: 'rawContent', at: HALF, chars: 600 }]);
    assert.equal(Object.getOwnPropertySymbols(plain.cuts![0]!).length, 0);
  });

  for (const store of ['memory', 'disk'] as const) {
    for (const who of ['configured', 'forwarded'] as const) {
      const key = who === 'configured' ? KEY : CLIENT;
      const headers: Record<string, string> = who === 'forwarded' ? { authorization: `Bearer ${CLIENT}` } : {};
      it(`the ${who} key as sent, at every split across each cut: passthrough keeps no piece of it, the rewriting modes and /v1/messages their redacted text, ${store === 'disk' ? 'on disk and after a restart' : 'in the memory store'}`, async function () {
        this.timeout(600_000);
        const dir = store === 'disk' ? mkdtempSync(join(tmpdir(), 'sfx-seam-')) : null;
        let s = await start(dir, who === 'configured' ? KEY : null);
        const seen = new Map<string, Artifact>();
        try {
          for (const { name, length, seams } of SEAMS) {
            const form = spell('raw', key);
            const tail = length - HALF;
            const places = placesAcross(seams, form.length, length);
            for (const f0 of places) {
              const text = textWith(form, f0, length);
              const redacted = text.replace(key, '[redacted]');
              for (const api of ['chat', 'messages'] as const) {
                for (const mode of api === 'chat' ? (['passthrough', 'strip', 'repair'] as const) : (['strip', 'repair'] as const)) {
                  // the rewriting modes keep text redacted as it streams: every fifth place there
                  if (mode !== 'passthrough' && (f0 - places[0]!) % 5 !== 0) continue;
                  const where = `${name}, ${api} ${mode}, the key at ${f0 + 7} (cut ${seams.map((c) => c - f0 - 7).join(' and ')} characters into it)`;
                  s.up.enqueue({ chunks: [upstream(text, [HALF, tail])] });
                  const res = api === 'chat' ? await postChat(s.d, REQ, { 'x-streamfix-mode': mode, ...headers }) : await messages(s.d, mode, headers);
                  const body = await res.text();
                  assert.equal(leaks(body, key), false, `${where}: the client: ${body}`);
                  // passthrough holds an event whose text ends with 4 or more of a key's first characters; fewer go out
                  // (README: `Bearer sk-[redacted]`), the rest is replaced when it follows
                  const short = mode === 'passthrough' ? seams.map((c) => c - f0 - 7).find((c) => c > 0 && c < 4) : undefined;
                  const client = short === undefined ? redacted : text.slice(0, f0 + 7) + key.slice(0, short) + '[redacted]' + text.slice(f0 + 7 + key.length);
                  if (api === 'chat') assert.equal(collect(body).content, client, `${where}: the client's text`);
                  const a = await artifactOf(s.d, res);
                  assert.equal(leaks(JSON.stringify(a), key), false, `${where}: the artifact: ${JSON.stringify(a)}`);
                  const n = redacted.length;
                  // a key whole in one event is redacted in the upstream's bytes, before anything reads them: passthrough
                  // keeps the key whole only when an event's end cuts it (the events are cut where the artifact is)
                  const split = mode === 'passthrough' && seams.some((c) => c > f0 + 7 && c < f0 + 7 + key.length);
                  const [head, end] = split ? passthroughKept(text, key, f0, tail) : bounded(redacted);
                  assert.equal(a.rawContent, head + end, where);
                  const chars = split ? length - LIMIT : n - LIMIT;
                  assert.deepEqual(a.cuts?.[0], chars > 0 ? { field: 'rawContent', at: head.length, chars } : undefined, where);
                  seen.set(a.id, a);
                }
              }
            }
          }
          if (dir !== null) {
            // the same artifacts, read back from the disk by a daemon started on the directory
            await stop(s);
            s = await start(dir, who === 'configured' ? KEY : null);
            for (const [id, a] of seen) {
              const r = await fetch(`${s.d.info.url}/streamfix/result/${id}`);
              const text = await r.text();
              assert.equal(leaks(text, key), false, `${id} after a restart: ${text}`);
              assert.deepEqual(JSON.parse(text), a, `${id} after a restart`);
            }
          }
        } finally {
          await stop(s);
          if (dir !== null) rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  }

  it("passthrough: the key across the head's end and the tail's start of tool arguments, the reasoning field and a second choice's content: none of it stored", async function () {
    this.timeout(300_000);
    const s = await start(null, KEY);
    const form = spell('raw', KEY);
    const ev = (choices: unknown[]) => JSON.stringify({ id: 'gen-test-1', object: 'chat.completion.chunk', model: 'test/model', choices });
    try {
      for (const { name, length, seams } of SEAMS) {
        const tail = length - HALF;
        for (const f0 of placesAcross(seams, form.length, length)) {
          const text = textWith(form, f0, length);
          const at = [0, HALF, tail, length];
          const events: string[] = [];
          for (let i = 0; i < 3; i++) {
            const piece = text.slice(at[i], at[i + 1]);
            events.push(
              ev([
                { index: 0, delta: { reasoning: piece, tool_calls: [{ index: 0, ...(i === 0 ? { id: 'call_1', type: 'function', function: { name: 'f', arguments: piece } } : { function: { arguments: piece } }) }] }, finish_reason: null },
                { index: 1, delta: { content: piece }, finish_reason: null },
              ]),
            );
          }
          events.push(ev([{ index: 0, delta: {}, finish_reason: 'tool_calls' }, { index: 1, delta: {}, finish_reason: 'stop' }]), '[DONE]');
          s.up.enqueue({ chunks: [sse(...events)] });
          const res = await postChat(s.d, { ...REQ, n: 2 }, { 'x-streamfix-mode': 'passthrough' });
          const where = `${name}, Bearer at ${f0}`;
          const body = await res.text();
          assert.equal(leaks(body, KEY), false, `${where}: the client: ${body}`);
          const a = await artifactOf(s.d, res);
          assert.equal(leaks(JSON.stringify(a), KEY), false, `${where}: the artifact: ${JSON.stringify({ ...a, request: null, timeline: null }, null, 1)}`);
          const split = seams.some((c) => c > f0 + 7 && c < f0 + 7 + KEY.length);
          const want = split ? passthroughKept(text, KEY, f0, tail).join('') : bounded(text.replace(KEY, '[redacted]')).join('');
          // the reasoning field keeps half the limit (the other half is for reasoning moved out of the content)
          assert.equal(a.toolCalls[0]!.rawArguments, want, `${where}: the arguments`);
          assert.equal(a.choices?.[0]!.rawContent, want, `${where}: choice 1`);
          assert.equal(leaks(a.reasoning, KEY), false, `${where}: the reasoning`);
          // passthrough's repairedArguments are its rawArguments (their cut recorded too when the artifact's clip made it)
          assert.equal(a.toolCalls[0]!.repairedArguments, want, `${where}: the arguments as repaired`);
          assert.deepEqual(
            a.cuts?.filter((c) => c.field !== 'reasoning' && c.field !== 'toolCalls[0].repairedArguments').map((c) => c.field),
            split || length - 63 > LIMIT ? ['toolCalls[0].rawArguments', 'choices[0].rawContent'] : [],
            where,
          );
        }
      }
    } finally {
      await stop(s);
    }
  });

  it('its base64 (three alignments, at every split) and its JSON-escaped spelling, across each cut, in every mode of both APIs: no piece of it stored', async function () {
    this.timeout(600_000);
    const s = await start(null, KEY);
    const redactedOf = new Map<string, string>();
    try {
      for (const form of FORMS.filter((f) => f !== 'raw')) {
        for (const align of form === 'base64' ? [0, 1, 2] : [0]) {
          const echo = spell(form, KEY, align);
          // the head's end and the tail's start (the gap shorter than the key: its spelling as sent, above)
          for (const { name, length, seams } of SEAMS.slice(0, 2)) {
            const tail = length - HALF;
            for (const f0 of placesAcross(seams, echo.length, length)) {
              const text = textWith(echo, f0, length);
              for (const api of ['chat', 'messages'] as const) {
                for (const mode of api === 'chat' ? (['passthrough', 'strip', 'repair'] as const) : (['strip', 'repair'] as const)) {
                  // passthrough at every place of the base64 forms, at every fifth of the escaped one (438 characters:
                  // each of its escapes cut at every character in turn); the rewriting modes, which hold redacted
                  // text, at every 25th
                  const k = f0 - placesAcross(seams, echo.length, length)[0]!;
                  if (k % (mode !== 'passthrough' ? 25 : form === 'escaped' ? 5 : 1) !== 0) continue;
                  const where = `${form} ${align}, ${name}, ${api} ${mode}, at ${f0}`;
                  s.up.enqueue({ chunks: [upstream(text, [HALF, tail])] });
                  const res = api === 'chat' ? await postChat(s.d, REQ, { 'x-streamfix-mode': mode }) : await messages(s.d, mode, {});
                  const body = await res.text();
                  assert.equal(leaks(body, KEY), false, `${where}: the client: ${body}`);
                  const a = await artifactOf(s.d, res);
                  assert.equal(leaks(JSON.stringify(a), KEY), false, `${where}: the artifact: ${JSON.stringify(a.rawContent)}`);
                  const raw = a.rawContent;
                  if (mode === 'passthrough') {
                    // what is kept around the spelling is the text as it was: the fill up to it, the fill after it
                    const before = FILL.repeat(Math.min(f0, HALF));
                    const after = FILL.repeat(Math.min(HALF, length - f0 - echo.length));
                    assert.equal(raw.slice(0, before.length), before, where);
                    assert.equal(raw.slice(raw.length - after.length), after, where);
                  } else {
                    // the rewriting modes keep the redacted text, bounded: chat strip's answer, head and tail
                    if (!redactedOf.has(text)) {
                      s.up.enqueue({ chunks: [upstream(text, [HALF, tail])] });
                      redactedOf.set(text, collect(await (await postChat(s.d, REQ, { 'x-streamfix-mode': 'strip' })).text()).content);
                    }
                    assert.equal(raw, bounded(redactedOf.get(text)!).join(''), where);
                  }
                }
              }
            }
          }
        }
      }
    } finally {
      await stop(s);
    }
  });
});
