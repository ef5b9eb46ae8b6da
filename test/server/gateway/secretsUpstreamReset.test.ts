/**
 * An upstream that resets (or closes) the connection in the middle of an event while the gateway holds a
 * key's start (trial11 probe S11): held by the byte redaction at a read's end (the event cut inside the
 * key), or by a text channel (a whole event whose text ends inside the key, then a cut event); the key as
 * sent and base64-encoded, cut after each of its characters. Nothing of the key past its public start
 * reaches the client, the artifact, the events or the logs, and the client's stream still ends properly:
 * every event closed with its blank line, the last one an error (the upstream failed) or, on a clean
 * close, the stream's end; in every mode of /v1/chat/completions and /v1/messages.
 */
import { strict as assert } from 'node:assert';
import { DEFAULT_BREAKER } from '../../../server/gateway/breaker';
import { artifactOf, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, parseSse, sse } from '../helpers/testUpstream';

const KEY = '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';
const AUTH = `Bearer ${KEY}`;
const PUBLIC = 'sk-or-v1-'.length;
const RANDOM = KEY.slice(PUBLIC);
const B64 = Buffer.from(`xy${AUTH}`).toString('base64');
const REQ = { model: 'test/model', messages: [{ role: 'user', content: 'hi' }] };

/** The ids the gateway makes (`sfx_<time><12 hex>`, a Messages `msg_…`): their 12 random hex characters
 * hold one of the key's 59 runs of 6 hex characters once in ~40,000 ids, and a run of this file checks
 * thousands (the artifact's id, the Messages body's): that, not a leak, failed this test once in a full run
 * (`msg_mx4tgo8qd8a9c0b1f950` holds the key's `a9c0b1`). */
const GATEWAY_IDS = /\b(?:sfx|msg)_[0-9a-z]+/g;

/** Whether `text` holds 6 or more consecutive characters of the key's secret part, as sent or in any run
 * of base64 characters read from any of its first four characters (the gateway's own ids aside). */
function leaks(raw: string): boolean {
  const text = raw.replace(GATEWAY_IDS, '');
  const windows: string[] = [];
  for (let i = 0; i + 6 <= RANDOM.length; i++) windows.push(RANDOM.slice(i, i + 6));
  if (text.includes(KEY.slice(0, PUBLIC + 1)) || windows.some((w) => text.includes(w))) return true;
  for (const run of text.match(/[A-Za-z0-9+/]{8,}/g) ?? []) {
    for (let at = 0; at < 4; at++) {
      const decoded = Buffer.from(run.slice(at, at + Math.floor((run.length - at) / 4) * 4), 'base64').toString('latin1');
      if (windows.some((w) => decoded.includes(w))) return true;
    }
  }
  return false;
}

/**
 * The upstream's bytes for cut `k`: an opening event, then either (`inEvent`) an event cut right after
 * `k` characters of the echo (the key as sent, or its base64 encoding), or a whole event whose text ends
 * there and the first bytes of the next one.
 */
function stream(echo: string, k: number, inEvent: boolean): string {
  const open = sse(chunk({ role: 'assistant', content: '{"note": "' }));
  if (inEvent) {
    const e = `data: ${chunk({ content: `x ${echo} y` })}`;
    return open + e.slice(0, e.indexOf(echo) + k);
  }
  return open + sse(chunk({ content: `x ${echo.slice(0, k)}` })) + 'data: {"id":"gen-test-1","cho';
}

/** Every cut of each echo: inside the key's secret part (past `Bearer sk-or-v1-`) and of its encoding. */
const CASES: { name: string; echo: string; cuts: number[] }[] = [
  { name: 'the key', echo: AUTH, cuts: [...Array(KEY.length - 1).keys()].map((i) => 'Bearer '.length + i + 1) },
  { name: 'its base64', echo: B64, cuts: [...Array(B64.length - 1).keys()].map((i) => i + 1) },
];

describe('gateway: an upstream that fails mid-event while a key start is held', () => {
  const { up, d, events, logs } = useTestGateway({ apiKey: KEY, breaker: { ...DEFAULT_BREAKER, failures: 0 }, record: true, logLevel: 'debug' });

  /** What the client got: no leak; every event whole and JSON (passthrough: but the upstream's cut event,
   * forwarded as it came and closed, so the client's parser reads the next one); after a reset an error
   * event; the artifact clean. */
  async function check(where: string, res: Response, body: string, mode: string, messages: boolean, reset: boolean): Promise<void> {
    assert.equal(leaks(body), false, `${where}: ${body}`);
    assert.ok(body.endsWith('\n\n'), `${where}: the stream ends with a whole event: ${JSON.stringify(body.slice(-80))}`);
    const data = parseSse(body).data.filter((x) => x !== '[DONE]');
    const parsed: Record<string, unknown>[] = [];
    let cut = 0;
    for (const x of data) {
      try {
        parsed.push(JSON.parse(x) as Record<string, unknown>);
      } catch {
        cut++;
      }
    }
    assert.equal(cut, mode === 'passthrough' ? 1 : 0, `${where}: events that are no JSON: ${body}`);
    if (reset) assert.ok(parsed.some((e) => (messages ? e.type === 'error' : 'error' in e)), `${where}: an error event: ${body}`);
    assert.equal(leaks(JSON.stringify(await artifactOf(d, res))), false, `${where}: the artifact`);
  }

  it('the leak check sees the key and its encoding, not an id of the gateway that shares 6 hex characters with the key', () => {
    assert.equal(leaks(`x ${KEY.slice(0, PUBLIC + 1)}`), true);
    assert.equal(leaks(`x ${RANDOM.slice(20, 26)} y`), true);
    assert.equal(leaks(`x ${B64.slice(0, 32)}`), true);
    assert.equal(leaks('{"id":"msg_mx4tgo8qd8a9c0b1f950","artifact":"sfx_mx4tgo8qd8a9c0b1f950"}'), false);
    assert.equal(leaks(`x ${B64.slice(0, 24)}[redacted] y`), false);
  });

  /** Where this test's events and log lines start in the daemon's shared lists: each test checks its own,
   * so a leak fails the test that made it, not every test after it. */
  let eventsFrom = 0;
  let logsFrom = 0;
  beforeEach(() => {
    eventsFrom = events.length;
    logsFrom = logs.length;
  });

  /** This test's events and log lines show nothing of the key. */
  function checkEventsAndLogs(): void {
    up.respond(null);
    assert.equal(leaks(JSON.stringify(events.slice(eventsFrom))), false, 'the events');
    assert.equal(leaks(logs.slice(logsFrom).join('')), false, 'the logs');
  }

  for (const reset of [true, false]) {
    const how = reset ? 'resets' : 'closes';
    for (const mode of ['strip', 'repair', 'passthrough', 'auto'] as const) {
      it(`chat ${mode}: the upstream ${how} mid-event, the key or its base64 cut at every character`, async function () {
        // ~340 requests: 1.5 s quiet, up to 115 s seen at load 30
        this.timeout(300_000);
        for (const { name, echo, cuts } of CASES) {
          for (const inEvent of [true, false]) {
            for (const k of cuts) {
              up.respond(() => ({ status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: [stream(echo, k, inEvent)], destroyAfter: reset }));
              const res = await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': mode });
              await check(`${name}, ${inEvent ? 'cut in its event' : 'at an event’s end'}, after ${k}`, res, await res.text(), mode, false, reset);
            }
          }
        }
        checkEventsAndLogs();
      });
    }

    for (const mode of ['strip', 'repair'] as const) {
      it(`messages ${mode}: the upstream ${how} mid-event, the key or its base64 cut at every character`, async function () {
        // ~340 requests: 1.5 s quiet, up to 115 s seen at load 30
        this.timeout(300_000);
        for (const { name, echo, cuts } of CASES) {
          for (const inEvent of [true, false]) {
            for (const k of cuts) {
              up.respond(() => ({ status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: [stream(echo, k, inEvent)], destroyAfter: reset }));
              const res = await fetch(`${d.info.url}/messages`, {
                method: 'POST',
                headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-streamfix-mode': mode },
                body: JSON.stringify({ model: 'test/model', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
              });
              await check(`${name}, ${inEvent ? 'cut in its event' : 'at an event’s end'}, after ${k}`, res, await res.text(), mode, true, reset);
            }
          }
        }
        checkEventsAndLogs();
      });
    }
  }

  /**
   * The same streams in reads the test pins (each piece written, then a pause): the upstream's bytes cut
   * one to 12 characters into the encoding of the key's own bytes (fewer than its head: the redaction does
   * not hold such a read's end), the rest in one read or in two (the second cut past the kept characters),
   * the event cut by the reset or close at the head, further on, or at the encoding's last character.
   * Before: the middle of the encoding went out as it came (6 of 6 failed: the client in passthrough, the
   * artifact in the others).
   */
  const FORM = 12; // `xyBearer ` is 9 bytes: the key's own characters start at 12, the first 12 of them kept
  const KEPT = 12;
  for (const api of ['chat', 'messages'] as const) {
    for (const mode of api === 'chat' ? (['strip', 'repair', 'passthrough', 'auto'] as const) : (['strip', 'repair'] as const)) {
      it(`${api} ${mode}: the upstream's reads cut inside the encoding's kept characters, then it resets or closes inside the encoding`, async function () {
        // ~150 requests, each read written after a pause
        this.timeout(120_000);
        for (const reset of [true, false]) {
          for (const k of [FORM + KEPT + 1, FORM + KEPT + 9, B64.length - 1]) {
            const bytes = Buffer.from(stream(B64, k, true));
            const from = bytes.indexOf(B64.slice(0, FORM + 1)) + FORM;
            for (let j = 1; j <= KEPT; j++) {
              const cuts = [[from + j], ...(from + KEPT + 2 < bytes.length ? [[from + j, from + KEPT + 2]] : [])];
              for (const at of cuts) {
                const pieces = [0, ...at, bytes.length].slice(1).map((to, i, all) => bytes.subarray(i === 0 ? 0 : all[i - 1], to));
                up.respond(() => ({ status: 200, headers: { 'content-type': 'text/event-stream' }, chunks: pieces, gapMs: 3, destroyAfter: reset }));
                const res =
                  api === 'chat'
                    ? await postChat(d, { ...REQ, stream: true }, { 'x-streamfix-mode': mode })
                    : await fetch(`${d.info.url}/messages`, {
                        method: 'POST',
                        headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-streamfix-mode': mode },
                        body: JSON.stringify({ model: 'test/model', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
                      });
                await check(`${reset ? 'reset' : 'closed'} after ${k} characters of the encoding, reads cut at ${at.map((a) => a - from).join(' and ')} into the key's`, res, await res.text(), mode, api === 'messages', reset);
              }
            }
          }
        }
        checkEventsAndLogs();
      });
    }
  }
});
