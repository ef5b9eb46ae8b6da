/**
 * The passthrough guard (passthroughGuard.ts): a key echoed across events is replaced in every text
 * channel, wherever it was cut and however it was trickled, and a stream without a secret goes out byte
 * for byte, at every split of its bytes into reads.
 */
import { strict as assert } from 'node:assert';
import { createPassthroughGuard, MAX_HELD_BYTES, MAX_HELD_EVENTS, PASSTHROUGH_MIN_HOLD } from '../../../server/gateway/passthroughGuard';
import { headerSecrets, Redactor } from '../../../server/gateway/redact';
import { MAX_SSE_EVENT_BYTES } from '../../../server/gateway/sse';
import { rng } from '../../bench/docs';

const KEY = 'sk-or-v1-CLIENTSECRET999';
// what the gateway's redactor holds for a request that sent `Authorization: Bearer <key>`
const redactor = new Redactor([KEY, ...headerSecrets({ authorization: `Bearer ${KEY}` })]);

type Json = Record<string, unknown>;

/** Each text channel: an event carrying `t` in it, and where to read it back from a chunk. */
const CHANNELS: Record<string, { event(t: string): Json; read(c: Json): string | undefined }> = {
  content: { event: (t) => delta(0, { content: t }), read: (c) => d(c, 0)?.content as string | undefined },
  reasoning: { event: (t) => delta(0, { reasoning: t }), read: (c) => d(c, 0)?.reasoning as string | undefined },
  reasoning_content: { event: (t) => delta(0, { reasoning_content: t }), read: (c) => d(c, 0)?.reasoning_content as string | undefined },
  arguments: {
    event: (t) => delta(0, { tool_calls: [{ index: 0, function: { arguments: t } }] }),
    read: (c) => ((d(c, 0)?.tool_calls as { function: { arguments: string } }[] | undefined) ?? [])[0]?.function.arguments,
  },
  'reasoning_details text': {
    event: (t) => delta(0, { reasoning_details: [{ type: 'reasoning.text', text: t, format: 'unknown', index: 0 }] }),
    read: (c) => ((d(c, 0)?.reasoning_details as { text?: string }[] | undefined) ?? [])[0]?.text,
  },
  'reasoning_details summary': {
    event: (t) => delta(0, { reasoning_details: [{ type: 'reasoning.summary', summary: t, index: 1 }] }),
    read: (c) => ((d(c, 0)?.reasoning_details as { summary?: string }[] | undefined) ?? [])[0]?.summary,
  },
  'a second choice': { event: (t) => delta(1, { content: t }), read: (c) => d(c, 1)?.content as string | undefined },
  refusal: { event: (t) => delta(0, { refusal: t }), read: (c) => d(c, 0)?.refusal as string | undefined },
  // some providers (Gemini) stream a tool call's name in pieces
  'tool name': {
    event: (t) => delta(0, { tool_calls: [{ index: 0, function: { name: t } }] }),
    read: (c) => ((d(c, 0)?.tool_calls as { function: { name?: string } }[] | undefined) ?? [])[0]?.function.name,
  },
  // an upstream error event (OpenRouter's mid-stream shape: the error, and the choice finished by it)
  'error message': {
    event: (t) => ({ id: 'gen-1', object: 'chat.completion.chunk', error: { code: 502, message: t }, choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }] }),
    read: (c) => (c.error as { message?: string } | undefined)?.message,
  },
  // OpenRouter puts the provider's raw error body in error.metadata.raw
  'error metadata.raw': {
    event: (t) => ({ error: { code: 400, message: 'Provider returned error', metadata: { provider_name: 'P', raw: t } } }),
    read: (c) => (c.error as { metadata?: { raw?: string } } | undefined)?.metadata?.raw,
  },
};

function delta(index: number, dl: Json, finish: string | null = null): Json {
  return { id: 'gen-1', object: 'chat.completion.chunk', choices: [{ index, delta: dl, finish_reason: finish }] };
}

function d(c: Json, index: number): Json | undefined {
  return (c.choices as { index: number; delta: Json }[] | undefined)?.find((ch) => ch.index === index)?.delta;
}

const ev = (o: Json | string): string => `data: ${typeof o === 'string' ? o : JSON.stringify(o)}\n\n`;

/** The guard over `reads`: each push's output (null: nothing), end()'s, and all of it. */
function run(reads: readonly Buffer[], r: Redactor = redactor): { outs: (Buffer | null)[]; last: Buffer | null; all: Buffer } {
  const g = createPassthroughGuard(r)!;
  const outs = reads.map((b) => g.push(b));
  const last = g.end();
  return { outs, last, all: Buffer.concat([...outs, last].filter((b): b is Buffer => b !== null)) };
}

/** `bytes` cut at `at` into two reads. */
const cut = (bytes: Buffer, at: number): Buffer[] => [bytes.subarray(0, at), bytes.subarray(at)];

/** The channel's text in an SSE body. */
function textOf(body: string, read: (c: Json) => string | undefined): string {
  let out = '';
  for (const block of body.split('\n\n')) {
    if (!block.startsWith('data: ') || block === 'data: [DONE]') continue;
    out += read(JSON.parse(block.slice(6)) as Json) ?? '';
  }
  return out;
}

/** `bytes` at every split into two reads, and one byte a read: the same output as one read each event. */
function atEverySplit(bytes: Buffer, expected: Buffer, where: string): void {
  for (let at = 1; at < bytes.length; at++) assert.deepEqual(run(cut(bytes, at)).all.toString(), expected.toString(), `${where}, split at ${at}`);
  assert.equal(run([...bytes].map((b) => Buffer.from([b]))).all.toString(), expected.toString(), `${where}, a byte a read`);
}

describe('passthrough guard: a key echoed across events', () => {
  it('reads only events with a text that may end with a secret\'s first characters while nothing is held (Redactor.mayEndWithStart)', () => {
    const may = (data: string) => redactor.mayEndWithStart(Buffer.from(`data: ${data}\n\n`));
    assert.deepEqual(
      [
        may('{"choices":[{"index":0,"delta":{"content":"hello"},"finish_reason":null}]}'),
        may('{"choices" :[{"delta":{"content":"tasks"}}]}'),
        may('{"choices":[{"delta":{"content":"x Bearer sk-or-v1-CLIE"}}]}'),
        may('{"choices":[{"delta":{"reasoning":"ask"\t}}]}'),
        may('{"choices":[{"delta":{"content":"sk-or-v1-CLIENTSECRET99"}}]}'),
        may('{"choices":[{"delta":{"content":"sk-or-v1-CLIENTSECRET999"}}]}'),
        may('{"us" : 1, "ks"\t: "k"}'),
      ],
      // a key ending in s is not a text; the whole key is the byte redaction's, a text's start is not
      [false, true, true, true, true, false, false],
    );
  });

  it('returns no guard when there is nothing to redact (nothing new runs)', () => {
    assert.equal(createPassthroughGuard(new Redactor([])), null);
  });

  for (const [name, ch] of Object.entries(CHANNELS)) {
    it(`${name}: the key cut at every position across two events comes out as [redacted], at every split of the bytes`, () => {
      for (let at = 1; at < KEY.length; at++) {
        const events = [ev(ch.event(`x Bearer ${KEY.slice(0, at)}`)), ev(ch.event(`${KEY.slice(at)} y`)), ev('[DONE]')];
        const r = run(events.map((e) => Buffer.from(e)));
        const where = `cut at ${at}`;
        const body = r.all.toString();
        // fewer than PASSTHROUGH_MIN_HOLD of its first characters are sent before the rest is known
        assert.equal(textOf(body, ch.read), at < PASSTHROUGH_MIN_HOLD ? `x Bearer ${KEY.slice(0, at)}[redacted] y` : 'x Bearer [redacted] y', where);
        assert.equal(body.includes(KEY.slice(0, PASSTHROUGH_MIN_HOLD)) || body.includes('CLIENT'), false, where);
        // the first event is held exactly when it ends with 4 or more of the key's characters
        assert.equal(r.outs[0] === null, at >= PASSTHROUGH_MIN_HOLD, where);
        assert.equal(r.outs[2]!.toString(), 'data: [DONE]\n\n', where);
        if (at % 5 === 1 || at === KEY.length - 1) atEverySplit(Buffer.from(events.join('')), r.all, `${name} ${where}`);
      }
    });

    it(`${name}: the key trickled one character per event`, () => {
      const text = `x Bearer ${KEY} y`;
      const events = [...text].map((c) => ev(ch.event(c)));
      const r = run([...events, ev('[DONE]')].map((e) => Buffer.from(e)));
      const body = r.all.toString();
      assert.equal(textOf(body, ch.read), `x Bearer ${KEY.slice(0, PASSTHROUGH_MIN_HOLD - 1)}[redacted] y`);
      // the events before the key and after it went out as they came
      assert.equal(body.startsWith(events.slice(0, 12).join('')), true);
      assert.equal(body.endsWith(`${events.slice(-2).join('')}data: [DONE]\n\n`), true);
      assert.equal(run([Buffer.from(events.join(''))]).all.toString(), body.slice(0, -'data: [DONE]\n\n'.length));
    });
  }

  for (const name of ['content', 'error message'] as const) {
    it(`${name}: the key written with JSON escapes, cut at every position across two events`, () => {
      const ch = CHANNELS[name]!;
      // every character of the texts written as \uXXXX, as an "ensure_ascii" serializer that escapes all would
      const escaped = (t: string): string => {
        const json = JSON.stringify(ch.event(t));
        return json.replace(JSON.stringify(t), `"${[...t].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"`);
      };
      for (let at = 1; at < KEY.length; at++) {
        const events = [`data: ${escaped(`x Bearer ${KEY.slice(0, at)}`)}\n\n`, `data: ${escaped(`${KEY.slice(at)} y`)}\n\n`, ev('[DONE]')];
        const r = run(events.map((e) => Buffer.from(e)));
        const where = `cut at ${at}`;
        const body = r.all.toString();
        assert.equal(textOf(body, ch.read), at < PASSTHROUGH_MIN_HOLD ? `x Bearer ${KEY.slice(0, at)}[redacted] y` : 'x Bearer [redacted] y', where);
        assert.equal(r.outs[0] === null, at >= PASSTHROUGH_MIN_HOLD, where);
        if (at >= PASSTHROUGH_MIN_HOLD) assert.equal(body, ev(ch.event('x Bearer ')) + ev(ch.event('[redacted] y')) + ev('[DONE]'), where);
        if (at % 7 === 1) atEverySplit(Buffer.from(events.join('')), r.all, `${name} ${where}`);
      }
    });
  }

  it('the key cut in a second choice while the first holds a prefix of it: each choice decided on its own text', () => {
    const events = [ev(CHANNELS.content!.event('a sk-or-v1-CLI')), ev(CHANNELS['a second choice']!.event('b sk-or-v1-CLIENT')), ev(CHANNELS.content!.event('X')), ev(CHANNELS['a second choice']!.event('SECRET999!'))];
    const r = run(events.map((e) => Buffer.from(e)));
    assert.deepEqual(r.outs.map((o) => o === null), [true, true, true, false]);
    const body = r.all.toString();
    assert.equal(textOf(body, CHANNELS.content!.read), 'a sk-or-v1-CLIX');
    assert.equal(textOf(body, CHANNELS['a second choice']!.read), 'b [redacted]!');
    // choice 0's events had no secret: they went out as they came
    assert.equal(body.startsWith(events[0]!), true);
    assert.equal(body.includes(events[2]!), true);
  });

  it('a held event that turns out to hold no secret goes out byte for byte, with the event that decided it', () => {
    const events = [ev(CHANNELS.content!.event('see sk-or-v1-')), ev(CHANNELS.content!.event('xyz')), ev('[DONE]')];
    const r = run(events.map((e) => Buffer.from(e)));
    assert.deepEqual(r.outs.map((o) => o?.toString() ?? null), [null, events[0]! + events[1]!, events[2]!]);
    assert.equal(r.last, null);
  });

  it('text ending in fewer than 4 of the key\'s characters is not held (tasks, ask, sk-)', () => {
    const events = ['tasks', ' ask', ' risk-', 'sk-', 'ok'].map((t) => ev(CHANNELS.content!.event(t)));
    const r = run(events.map((e) => Buffer.from(e)));
    assert.deepEqual(r.outs.map((o) => o?.toString() ?? null), events);
  });

  it('a key\'s start written with escapes counts the characters it stands for: a cut escape (\\, \\u, \\u0, \\u00) is one, not held; 4 or more held; the rest replaced either way, at every split into two reads', () => {
    // before: a text ending in `\\`, `\\u` or `\\u0` was not read, and the rest of the key went out as it came;
    // one ending in `\\u00` or `\\u007` was held as 4 characters of a key's start
    // [text ending with the start, the rest in the next event, what the client reads, whether the first event is held]
    const cases: [string, string, string, boolean][] = [
      ['x \\', 'u0073k-or-v1-CLIENTSECRET999 y', 'x \\[redacted] y', false],
      ['x \\u', '0073k-or-v1-CLIENTSECRET999 y', 'x \\u[redacted] y', false],
      ['x \\u0', '073k-or-v1-CLIENTSECRET999 y', 'x \\u0[redacted] y', false],
      ['x \\u00', '73k-or-v1-CLIENTSECRET999 y', 'x \\u00[redacted] y', false],
      ['x \\u007', '3k-or-v1-CLIENTSECRET999 y', 'x \\u007[redacted] y', false],
      ['x \\u0073', 'k-or-v1-CLIENTSECRET999 y', 'x \\u0073[redacted] y', false],
      ['x \\u0073k', '-or-v1-CLIENTSECRET999 y', 'x \\u0073k[redacted] y', false],
      ['x \\u0073k-', 'or-v1-CLIENTSECRET999 y', 'x \\u0073k-[redacted] y', false],
      ['x \\u0073\\u006b-\\u006f', 'r-v1-CLIENTSECRET999 y', 'x [redacted] y', true],
      ['x \\u0073k-o', 'r-v1-CLIENTSECRET999 y', 'x [redacted] y', true],
    ];
    for (const [first, rest, shown, held] of cases) {
      const a = ev(CHANNELS.content!.event(first));
      const bytes = Buffer.from(a + ev(CHANNELS.content!.event(rest)) + 'data: [DONE]\n\n');
      const g = createPassthroughGuard(redactor)!;
      const out = g.push(Buffer.from(a));
      assert.equal(out === null, held, first);
      if (!held) assert.equal(out!.toString(), a, first);
      for (let at = 1; at < bytes.length; at++) assert.equal(textOf(run(cut(bytes, at)).all.toString(), CHANNELS.content!.read), shown, `${first} split at ${at}`);
    }
  });

  it('a base64 form cut into 2, 3 or 4 events anywhere (every cut, every alignment): the client reads its kept characters, then [redacted], never its tail in pieces', function () {
    this.timeout(120_000);
    const forms = (redactor as unknown as { encoded: { form: string; keep: number; head: string; tail: string }[] }).encoded;
    assert.equal(forms.length, 3);
    let checked = 0;
    for (const f of forms) {
      const s = `dump: ${f.form} end`;
      const from = 'dump: '.length;
      const n = f.form.length;
      const want = `dump: ${f.form.slice(0, f.keep)}[redacted] end`;
      const client = (cuts: number[]): string => {
        const bounds = [0, ...cuts, s.length];
        const reads = bounds.slice(1).map((b, i) => redactor.bytes(Buffer.from(ev(CHANNELS.content!.event(s.slice(bounds[i], b))))));
        return textOf(run([...reads, Buffer.from('data: [DONE]\n\n')]).all.toString(), CHANNELS.content!.read);
      };
      for (let a = from + 1; a < from + n; a++) {
        assert.equal(client([a]), want, `${f.form.slice(0, 6)}… cut at ${a - from}`);
        for (let b = a + 1; b < from + n; b++) {
          assert.equal(client([a, b]), want, `${f.form.slice(0, 6)}… cut at ${a - from}, ${b - from}`);
          for (let c = b + 1; c < from + n; c++) {
            assert.equal(client([a, b, c]), want, `${f.form.slice(0, 6)}… cut at ${a - from}, ${b - from}, ${c - from}`);
            checked++;
          }
        }
      }
    }
    // before: 613 of the 1,249 three-event cuts and 8,410 of the 11,425 four-event cuts went out in pieces
    assert.equal(checked, 11425);
  });

  it('[DONE], a finish_reason and the end of the body each release what is held: the key\'s public start as it came, more as [redacted]', () => {
    for (const [text, shown] of [['echo Bearer sk-or-v1-', 'echo Bearer sk-or-v1-'], ['echo Bearer sk-or-v1-C', 'echo Bearer [redacted]'], ['echo Bearer sk-or-v1-CLIE', 'echo Bearer [redacted]']] as const) {
      const held = ev(CHANNELS.content!.event(text));
      const out = ev(CHANNELS.content!.event(shown));
      for (const next of [ev('[DONE]'), ev(delta(0, {}, 'stop'))]) {
        const r = run([held, next].map((e) => Buffer.from(e)));
        assert.deepEqual(r.outs.map((o) => o?.toString() ?? null), [null, (text === shown ? held : out) + next]);
      }
      const r = run([Buffer.from(held)]);
      assert.deepEqual([r.outs[0], r.last?.toString()], [null, text === shown ? held : out]);
    }
  });

  it('a secret completed, then a tail held at the end of the choice: the tail goes out in the last event, as [redacted] past the public sk-or-v1-', () => {
    const events = [ev(CHANNELS.content!.event('a Bearer sk-or-v1-CLIE')), ev(CHANNELS.content!.event('NTSECRET999 and sk-or-v1-CL')), ev(delta(0, {}, 'stop')), ev('[DONE]')];
    const r = run(events.map((e) => Buffer.from(e)));
    assert.deepEqual(r.outs.map((o) => o === null), [true, true, false, false]);
    assert.equal(
      r.outs[2]!.toString(),
      ev(CHANNELS.content!.event('a Bearer ')) + ev(CHANNELS.content!.event('[redacted] and [redacted]')) + events[2],
    );
  });

  it('the body ending inside the event that completes the key (no blank line): that event is read too', () => {
    const first = ev(CHANNELS.reasoning!.event('Bearer sk-or-v1-CLIE'));
    const r = run([Buffer.from(first), Buffer.from(`data: ${JSON.stringify(CHANNELS.reasoning!.event('NTSECRET999'))}`)]);
    assert.deepEqual(r.outs, [null, null]);
    assert.equal(r.last!.toString(), ev(CHANNELS.reasoning!.event('Bearer ')) + ev(CHANNELS.reasoning!.event('[redacted]')));
  });

  it('keeps event and id fields and CRLF line ends of events it serializes again (fields first, then data)', () => {
    const first = `event: message\r\nid: 7\r\ndata: ${JSON.stringify(CHANNELS.content!.event('Bearer sk-or-v1-CLIE'))}\r\n\r\n`;
    const second = `data: ${JSON.stringify(CHANNELS.content!.event('NTSECRET999.'))}\r\n\r\n`;
    const r = run([Buffer.from(first + second)]);
    assert.equal(r.all.toString(), `event: message\nid: 7\n${ev(CHANNELS.content!.event('Bearer '))}${ev(CHANNELS.content!.event('[redacted].'))}`);
  });

  it(`past ${MAX_HELD_EVENTS} held events the held start goes out as [redacted], and the rest of the key is dropped`, () => {
    const events = [ev(CHANNELS.content!.event('k: Bearer sk-or-v1-CL')), ...Array.from({ length: MAX_HELD_EVENTS }, () => ev(CHANNELS.reasoning!.event('.')))];
    const g = createPassthroughGuard(redactor)!;
    const outs = events.map((e) => g.push(Buffer.from(e)));
    assert.equal(outs.filter((o) => o !== null).length, 1);
    assert.equal(outs[outs.length - 1]!.toString(), ev(CHANNELS.content!.event('k: Bearer [redacted]')) + events.slice(1).join(''));
    // the rest comes in two pieces (the first held again): neither shows, the text after it does
    assert.equal(g.push(Buffer.from(ev(CHANNELS.content!.event('IENT')))), null);
    assert.equal(g.push(Buffer.from(ev(CHANNELS.content!.event('SECRET999 ok'))))!.toString(), ev(CHANNELS.content!.event('')) + ev(CHANNELS.content!.event(' ok')));
    assert.equal(g.end(), null);
  });

  it('past 1 MiB held the held start goes out as [redacted]; text that does not complete the key keeps it there', () => {
    const big = ev(CHANNELS.reasoning!.event('r'.repeat(MAX_HELD_BYTES)));
    const g = createPassthroughGuard(redactor)!;
    assert.equal(g.push(Buffer.from(ev(CHANNELS.content!.event('see sk-or-v1-')))), null);
    assert.equal(g.push(Buffer.from(big))!.toString(), ev(CHANNELS.content!.event('see [redacted]')) + big);
    const after = ev(CHANNELS.content!.event(' is a prefix'));
    assert.equal(g.push(Buffer.from(after))!.toString(), after);
    // a prefix held again and the channel ending: nothing of the released start goes out after it
    assert.equal(g.push(Buffer.from(ev(CHANNELS.content!.event(' sk-or-v1-CLI')))), null);
    assert.equal(g.push(Buffer.from(big))!.toString(), ev(CHANNELS.content!.event(' [redacted]')) + big);
    assert.equal(g.push(Buffer.from(ev(CHANNELS.content!.event('EN')))), null);
    const done = ev('[DONE]');
    assert.equal(g.push(Buffer.from(done))!.toString(), ev(CHANNELS.content!.event('')) + done);
  });

  it('an event over the SSE bound goes out as it comes, after what was held', () => {
    const held = ev(CHANNELS.content!.event('Bearer sk-or-v1-CLIE'));
    const big = `data: ${JSON.stringify(CHANNELS.content!.event('x'.repeat(MAX_SSE_EVENT_BYTES)))}`;
    const g = createPassthroughGuard(redactor)!;
    assert.equal(g.push(Buffer.from(held)), null);
    const a = g.push(Buffer.from(big.slice(0, 1000)));
    assert.equal(a, null);
    const b = g.push(Buffer.from(big.slice(1000)));
    // held past the bound: its start goes out as [redacted]
    assert.equal(b!.toString(), ev(CHANNELS.content!.event('Bearer [redacted]')) + big);
    assert.equal(g.push(Buffer.from('\n\n'))!.toString(), '\n\n');
    const after = ev(CHANNELS.content!.event('ok'));
    assert.equal(g.push(Buffer.from(after))!.toString(), after);
    assert.equal(g.heldBytes, 0);
  });
});


// pieces that start the key, end with its first characters or look like it, none completing it
const WORDS = ['tasks', ' ask', 'sk', 'sk-', 'sk-o', 'sk-or-v1-', 'sk-or-v1-CLIENT', 'SECRET', '999', ' é', '“quote”', '\\', '"', '\n', '🙂', 'Bearer ', ' ', '{"a": 1', '}', 'x'];

/** A random SSE stream holding no secret: chunks of every channel, comments, other fields, multi-line
 * and non-JSON data, invalid UTF-8, LF, CRLF or CR line ends. */
function randomStream(rand: () => number): Buffer {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const nl = pick(['\n', '\n', '\r\n', '\r']);
  const parts: Buffer[] = [];
  if (rand() < 0.1) parts.push(Buffer.from('\ufeff'));
  const channels = Object.values(CHANNELS);
  for (let n = Math.floor(rand() * 30); n > 0; n--) {
    const r = rand();
    let text: string;
    if (r < 0.7) {
      let t = '';
      for (let k = Math.floor(rand() * 3) + 1; k > 0; k--) t += pick(WORDS);
      const chunk = pick(channels).event(t);
      if (rand() < 0.1 && Array.isArray(chunk.choices)) (chunk.choices as Json[])[0]!.finish_reason = 'stop';
      text = `${rand() < 0.1 ? `id: ${n}${nl}` : ''}data: ${JSON.stringify(chunk)}${nl}${nl}`;
    } else if (r < 0.8) text = `: keep-alive${nl}${nl}`;
    else if (r < 0.85) text = `event: ping${nl}data: not json ${pick(WORDS)}${nl}data: second line${nl}${nl}`;
    else if (r < 0.9) text = `data: [DONE]${nl}${nl}`;
    else if (r < 0.95) text = nl;
    else {
      parts.push(Buffer.from(`: bad bytes `), Buffer.from([0xff, 0xc3, 0x28, 0xe2, 0x82]), Buffer.from(`${nl}${nl}`));
      continue;
    }
    parts.push(Buffer.from(text));
  }
  if (rand() < 0.3) parts.push(Buffer.from(`data: ${JSON.stringify(CHANNELS.content!.event('cut off sk-or-v1-'))}`));
  return Buffer.concat(parts);
}

/** Whether some channel's whole text (its pieces joined) holds the key, or may end with more of its start
 * than the public `sk-or-v1-` (redact.ts end: that goes as [redacted]), also before a cut escape (a lone
 * backslash, the start of an escape of the key's next character): such a stream is not one without a
 * secret. Approximated from the pieces in order, per channel, every channel's text looked at where any
 * could end (a finish_reason, [DONE], the end). */
function holdsKey(bytes: Buffer): boolean {
  const texts = new Map<string, string>();
  // a text's end after an odd run of backslashes is a cut escape (`\u0043`, the key's next character?): the
  // key's start before it counts as its end
  const cutEscape = (t: string): string => ((/\\+$/.exec(t)?.[0].length ?? 0) % 2 === 1 ? t.slice(0, -1) : t);
  const endsInKey = (): boolean => [...texts.values()].some((t) => [...Array(KEY.length - 10).keys()].some((k) => t.endsWith(KEY.slice(0, 10 + k)) || cutEscape(t).endsWith(KEY.slice(0, 10 + k))));
  for (const m of bytes.toString('utf8').matchAll(/data: (\{.*?\}|\[DONE\])(?=\r|\n|$)/g)) {
    if (m[1] === '[DONE]') {
      if (endsInKey()) return true;
      continue;
    }
    const c = JSON.parse(m[1]!) as Json;
    for (const [name, ch] of Object.entries(CHANNELS)) {
      const t = ch.read(c);
      if (t !== undefined) texts.set(name, (texts.get(name) ?? '') + t);
    }
    if (JSON.stringify(c).includes('finish_reason":"') && endsInKey()) return true;
  }
  return [...texts.values()].some((t) => t.includes(KEY)) || endsInKey();
}

describe('passthrough guard: a stream without a secret goes out byte for byte', () => {
  it('400 seeded random streams, cut into random reads, and each at every split into two reads for the first 5', function () {
    this.timeout(120_000);
    const rand = rng(11);
    let checked = 0;
    let held = 0;
    for (let i = 0; i < 400; i++) {
      const bytes = randomStream(rand);
      if (holdsKey(bytes)) continue;
      checked++;
      const reads: Buffer[] = [];
      for (let at = 0; at < bytes.length; ) {
        const n = 1 + Math.floor(rand() * 80);
        reads.push(bytes.subarray(at, at + n));
        at += n;
      }
      const r = run(reads);
      assert.equal(r.all.equals(bytes), true, `stream ${i}`);
      // a piece ending with 4 or more of the key's first characters: its event was held
      if (/sk-o[-a-zA-Z0-9]*"/.test(bytes.toString('latin1'))) held++;
      if (i < 5) for (let at = 1; at < bytes.length; at++) assert.equal(run(cut(bytes, at)).all.equals(bytes), true, `stream ${i}, split at ${at}`);
    }
    assert.equal(checked > 250, true, `only ${checked} streams without the key`);
    assert.equal(held > 100, true, `only ${held} streams held an event`);
  });

  it('a stream of LF, CRLF and CR events, comments and runs of blank lines, cut into 2 and 3 reads everywhere: byte for byte', function () {
    // ~45,000 runs of the guard (every pair of cut points): ~5 s alone, over 20 s in a CI run at load 8
    this.timeout(120_000);
    const bytes = Buffer.from(`: OPENROUTER PROCESSING\n\n${ev(CHANNELS.content!.event('tasks'))}data: {"choices":[]}\r\n\r\n\n\ndata: {"a":"s"}\r\rdata: {"b":"ask"}\n\n\n${ev(CHANNELS.content!.event('risk-'))}data: [DONE]\n\n`);
    for (let a = 1; a < bytes.length; a++) {
      assert.equal(run(cut(bytes, a)).all.equals(bytes), true, `split at ${a}`);
      for (let b = a + 1; b < bytes.length; b++) assert.equal(run([bytes.subarray(0, a), bytes.subarray(a, b), bytes.subarray(b)]).all.equals(bytes), true, `split at ${a} and ${b}`);
    }
  });

  it('a read that ends an event with nothing held, arriving or open, and no text in it that may end with a key\'s start, goes out unsplit; any other read is split', () => {
    const whole = Buffer.from(ev(CHANNELS.content!.event('hello')) + ev(CHANNELS.content!.event(' world')));
    const g = createPassthroughGuard(redactor)!;
    assert.equal(g.push(whole), whole);
    // an event arriving from the read before: the read that ends it is split (the event goes out whole, joined)
    const event = Buffer.from(ev(CHANNELS.content!.event('again')));
    assert.equal(g.push(event.subarray(0, 10)), null);
    assert.equal(g.push(Buffer.concat([event.subarray(10), whole]))!.toString(), event.toString() + whole.toString());
    // a blank line after a CR, a run of blank lines: split as the splitter reads them, bytes as they came
    for (const end of ['\r\n\n', '\n\n\n', '\r\r\n\n']) {
      const read = Buffer.from(`data: {"choices":[]}${end}`);
      assert.equal(run([read]).all.toString(), read.toString(), JSON.stringify(end));
    }
    // a text ending with the key's first character, its last byte in the read's last event: read, and the
    // next event's rest of the key replaced; every alignment of the key after the text's start
    for (const pre of ['', 'x', 'xy', 'xyz']) {
      const gk = createPassthroughGuard(redactor)!;
      const first = Buffer.from(ev(CHANNELS.content!.event('hello')) + ev(CHANNELS.content!.event(`${pre}s`)));
      const out = gk.push(first);
      assert.notEqual(out, first, pre);
      const rest = gk.push(Buffer.from(ev(CHANNELS.content!.event(`${KEY.slice(1)} y`))));
      const body = Buffer.concat([out ?? Buffer.alloc(0), rest ?? Buffer.alloc(0), gk.end() ?? Buffer.alloc(0)]).toString();
      assert.equal(textOf(body, CHANNELS.content!.read), `hello${pre}s[redacted] y`, pre);
    }
  });

  it('a read with nothing held goes out as the read itself (no copy)', () => {
    const g = createPassthroughGuard(redactor)!;
    const read = Buffer.from(ev(CHANNELS.content!.event('hello')) + ev(CHANNELS.content!.event(' world')));
    assert.equal(g.push(read)!.buffer === read.buffer, true);
  });
});

describe('passthrough guard: fed through the redacted body, which hands on its escape search (RedactableBody.scanned)', () => {
  /** The upstream's reads through Redactor.body(), each pushed to a guard given that body (as chat.ts
   * does), or to a guard that searches every read itself (`handOn` false). */
  async function throughBody(reads: readonly Buffer[], handOn: boolean): Promise<Buffer> {
    const src = {
      dump: async () => {},
      text: async () => '',
      [Symbol.asyncIterator]() {
        let i = 0;
        return { next: async () => (i < reads.length ? { value: reads[i++]!, done: false as const } : { value: undefined, done: true as const }) };
      },
    };
    const body = redactor.body(src);
    const g = createPassthroughGuard(redactor, handOn ? body : undefined)!;
    const out: Buffer[] = [];
    for await (const b of body) {
      const o = g.push(b);
      if (o !== null) out.push(o);
    }
    const last = g.end();
    if (last !== null) out.push(last);
    return Buffer.concat(out);
  }

  it('scanned: the hints for the read just yielded, -1 for any other read and for one with an escape of a key character', async () => {
    const plain = Buffer.from(ev(CHANNELS.content!.event('caf\\u00e9 ')));
    const cutEscape = Buffer.from(ev(CHANNELS.content!.event('x \\u00')));
    const keyEscape = Buffer.from(ev(CHANNELS.content!.event('\\u0073k-')));
    const reads = [plain, cutEscape, keyEscape];
    const src = { dump: async () => {}, text: async () => '', [Symbol.asyncIterator]() { let i = 0; return { next: async () => (i < reads.length ? { value: reads[i++]!, done: false as const } : { value: undefined, done: true as const }) }; } };
    const body = redactor.body(src);
    const seen: number[] = [];
    let previous: Buffer | null = null;
    for await (const b of body) {
      seen.push(body.scanned!(b));
      if (previous !== null) assert.equal(body.scanned!(previous), -1);
      assert.equal(body.scanned!(Buffer.from(b)), -1, 'a copy of the read is not the read');
      previous = b;
    }
    // `\\u00e9`: no hint (é is no key character); a cut `\\u00`: a hint of a cut second-level escape (1)
    assert.deepEqual(seen, [0, 1, -1]);
  });

  it('the same bytes as a guard that searches every read itself: the key as sent and escaped, cut across events, beside second-level escapes, at every split into two reads', async () => {
    const events = [
      ev(CHANNELS.content!.event('line \\u00e9t\\u00e9 ')),
      ev(CHANNELS.content!.event('echo Bearer s')),
      ev(CHANNELS.content!.event(`${KEY.slice(1, 9)}`)),
      ev(CHANNELS.content!.event(`${KEY.slice(9)} and \\u00`)),
      ev(CHANNELS.content!.event('e9 \\u0073k-or')),
      ev(CHANNELS.content!.event('-v1-CLIENTSECRET999 done')),
      'data: [DONE]\n\n',
    ];
    const bytes = Buffer.from(events.join(''));
    const whole = await throughBody([bytes], false);
    assert.equal(textOf(whole.toString(), CHANNELS.content!.read), 'line \\u00e9t\\u00e9 echo Bearer s[redacted] and \\u00e9 [redacted] done');
    for (let a = 1; a < bytes.length; a++) {
      const reads = cut(bytes, a);
      assert.equal((await throughBody(reads, true)).toString(), (await throughBody(reads, false)).toString(), `split at ${a}`);
    }
  });
});
