/**
 * A latin1 key with several non-ASCII characters, through the daemon, against a loopback upstream that
 * echoes the Authorization it received with some of those characters raw and some `\uXXXX`-escaped, or its
 * escapes in mixed hex case: in a non-streaming answer, in stream content with the upstream's bytes cut at
 * every position into two reads, in an SSE error event, and across two content events; in strip, repair
 * and passthrough; what the client receives and what the artifact holds.
 */
import { strict as assert } from 'node:assert';
import { DEFAULT_BREAKER } from '../../../server/gateway/breaker';
import { artifactOf, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, collect, sse, type RecordedRequest, type ScriptedResponse } from '../helpers/testUpstream';

const KEY = 'sk-or-v1-caf\u00e9-\u00fc\u00df-0123456789';
const AUTH = `Bearer ${KEY}`;
const REQ = { model: 'test/model', messages: [{ role: 'user', content: 'hi' }] };
const MODES = ['strip', 'repair', 'passthrough'] as const;

/** `s` with the characters `which` picks written `\uXXXX`, each hex digit upper-case where `upper` says. */
function spell(s: string, which: (c: string) => boolean, upper: (c: string, digit: number) => boolean = () => false): string {
  return [...s].map((c) => (which(c) ? `\\u${[...c.charCodeAt(0).toString(16).padStart(4, '0')].map((d, k) => (upper(c, k) ? d.toUpperCase() : d)).join('')}` : c)).join('');
}

const nonAscii = (c: string): boolean => c.charCodeAt(0) >= 0x80;

/** Spellings of a text holding the key (the header as the upstream read it, latin1) that none of the key's
 * whole forms is: JSON.parse gives the key back from each. */
const SPELLINGS: Record<string, (t: string) => string> = {
  'é escaped, ü and ß raw': (t) => spell(t, (c) => c === '\u00e9'),
  'é raw, ü and ß escaped (upper-case hex)': (t) => spell(t, (c) => c === '\u00fc' || c === '\u00df', () => true),
  'all three escaped, each in its own case (\\u00E9, \\u00fc, \\u00Df)': (t) => spell(t, nonAscii, (c, k) => (c === '\u00e9' ? k >= 2 : c === '\u00df' && k === 2)),
  'letters escaped around a raw é and an escaped \\u00FC': (t) => spell(t, (c) => /[a-z]/.test(c) || c === '\u00fc' || c === '\u00df', (c) => c === '\u00fc'),
};

function authOf(r: RecordedRequest): string {
  const auth = String(r.headers.authorization ?? '');
  assert.equal(auth, AUTH);
  return auth;
}

/** Whether the key's secret part is in `text` as sent or in any string of any JSON document in it. */
function leaks(text: string): boolean {
  const secret = KEY.slice(9);
  if (text.includes(secret)) return true;
  const docs = text.includes('data: ') ? text.split('\n\n').map((b) => b.replace(/^data: /, '')) : [text];
  return docs.some((d) => {
    try {
      return JSON.stringify(JSON.parse(d)).includes(secret);
    } catch {
      return false;
    }
  });
}

describe('gateway: a non-ASCII key echoed part raw, part escaped, in mixed hex case, is never shown', () => {
  // the error events would open the model's circuit breaker: off
  const { up, d } = useTestGateway({ apiKey: KEY, breaker: { ...DEFAULT_BREAKER, failures: 0 } });
  afterEach(() => up.respond(null));

  for (const [name, form] of Object.entries(SPELLINGS)) {
    for (const mode of MODES) {
      it(`${mode}, ${name}: a non-streaming answer`, async () => {
        const answer = (content: string) => `{"id":"x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"${content}"},"finish_reason":"stop"}]}`;
        up.respond((r) => ({ headers: { 'content-type': 'application/json' }, chunks: [answer(`key=${form(authOf(r).slice(7))} end`)] }));
        const res = await postChat(d, REQ, { 'x-streamfix-mode': mode });
        const text = await res.text();
        assert.equal(leaks(text), false);
        if (mode === 'passthrough') assert.equal(text, answer('key=[redacted] end'));
        else assert.equal((JSON.parse(text) as { choices: { message: { content: string } }[] }).choices[0]!.message.content, 'key=[redacted] end');
        assert.equal((await artifactOf(d, res)).rawContent, 'key=[redacted] end');
      });

      it(`${mode}, ${name}: stream content and an error event, the upstream's bytes cut into two reads at every position in and around each spelling`, async () => {
        // the stream's bytes, and each cut: around and inside both spellings (a cut in the JSON around them
        // holds nothing back; the Redactor's own tests cut everywhere)
        const text = sse(chunk({ content: 'x' }).replace('"x"', `"echo ${form(AUTH)} end"`), chunk({}, 'stop'), JSON.stringify({ error: { message: 'x' } }).replace('"x"', `"Invalid credentials: ${form(KEY)}"`));
        const bytes = Buffer.from(text);
        const cuts: number[] = [];
        for (const s of [`echo ${form(AUTH)} `, ` ${form(KEY)}"`]) {
          const from = bytes.indexOf(s);
          for (let at = from; at <= from + Buffer.byteLength(s); at++) cuts.push(at);
        }
        for (const at of cuts) {
          up.respond((r): ScriptedResponse => {
            authOf(r);
            return { headers: { 'content-type': 'text/event-stream' }, chunks: [bytes.subarray(0, at), bytes.subarray(at)] };
          });
          const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': mode });
          const text = await res.text();
          const where = `cut at ${at}`;
          assert.equal(leaks(text), false, where);
          assert.equal(collect(text.replace(/data: \{"error".*\n\n/, '')).content, 'echo [redacted] end', where);
          assert.match(text, /data: \{"error":\{"message":"Invalid credentials: \[redacted\]"\}\}\n\n/, where);
          if (at % 16 === 1) assert.equal((await artifactOf(d, res)).rawContent, 'echo [redacted] end', where);
        }
      });
    }
  }

  for (const mode of MODES) {
    it(`${mode}: the key cut across two content events at every character, each part spelled its own way`, async () => {
      for (let at = 1; at < AUTH.length; at++) {
        up.respond((r): ScriptedResponse => {
          const auth = authOf(r);
          const first = SPELLINGS['é escaped, ü and ß raw']!(auth.slice(0, at));
          const second = SPELLINGS['all three escaped, each in its own case (\\u00E9, \\u00fc, \\u00Df)']!(auth.slice(at));
          return { headers: { 'content-type': 'text/event-stream' }, chunks: [sse(chunk({ content: 'x' }).replace('"x"', `"echo ${first}"`)), sse(chunk({ content: 'x' }).replace('"x"', `"${second} end"`), chunk({}, 'stop'), '[DONE]')] };
        });
        const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': mode });
        const text = await res.text();
        const where = `cut at ${at}`;
        assert.equal(leaks(text), false, where);
        // passthrough sends 1-3 of the key's characters ending an event (PASSTHROUGH_MIN_HOLD)
        const sent = at - 'Bearer '.length;
        const want = mode === 'passthrough' && sent >= 1 && sent < 4 ? `echo Bearer ${KEY.slice(0, sent)}[redacted] end` : 'echo Bearer [redacted] end';
        assert.equal(collect(text).content, want, where);
        if (at % 8 === 1) assert.equal((await artifactOf(d, res)).rawContent, 'echo Bearer [redacted] end', where);
      }
    });
  }
});
