/**
 * The passthrough guard's frame (passthroughGuard.ts framed): the events of a stream that share their bytes
 * but the content string (OpenRouter's content chunks) are looked at by that string alone. Their edges: the
 * frame learnt from a stream's events (its first chunk with a role, then the content chunks), a key's start
 * at the very end of a read and its rest at the start of the next, near misses of a key's start, members
 * after the choices (scalars only; `choices` and `error` refused), an event that is no JSON, and a rewritten
 * event keeping its bytes but the content string.
 */
import { strict as assert } from 'node:assert';
import { createPassthroughGuard, PASSTHROUGH_MIN_HOLD } from '../../../server/gateway/passthroughGuard';
import { headerSecrets, Redactor } from '../../../server/gateway/redact';

const KEY = 'sk-or-v1-' + '3f9a0c7e51b2d8461e0f7a9c3b5d2e8f'.repeat(2);
const redactor = new Redactor([KEY, ...headerSecrets({ authorization: `Bearer ${KEY}` })]);

const HEAD = 'data: {"id":"gen-1","provider":"OpenAI","model":"openai/gpt-4o-mini","object":"chat.completion.chunk","created":1763770000,"choices":[{"index":0,"delta":';
const TAIL = ',"finish_reason":null,"native_finish_reason":null,"logprobs":null}]';
/** A content chunk as OpenRouter writes it (the benchmark's, with a member after the choices). */
const chunk = (content: string, after = ',"sfx_sent":12.5'): string => `${HEAD}{"content":${JSON.stringify(content)}}${TAIL}${after}}\n\n`;
const ROLE = `${HEAD}{"role":"assistant","content":""}${TAIL}}\n\n`;
const DONE = 'data: [DONE]\n\n';

function run(reads: readonly Buffer[]): string {
  const g = createPassthroughGuard(redactor)!;
  const outs = reads.map((b) => g.push(b));
  return Buffer.concat([...outs, g.end()].filter((b): b is Buffer => b !== null)).toString();
}

function contentOf(body: string): string {
  let out = '';
  for (const block of body.split('\n\n')) {
    if (!block.startsWith('data: {')) continue;
    const c = JSON.parse(block.slice(6)) as { choices?: { delta?: { content?: string } }[] };
    out += c.choices?.[0]?.delta?.content ?? '';
  }
  return out;
}

/** `bytes` at every split into two reads: each the same as `expected`. */
function atEverySplit(bytes: Buffer, expected: string, where: string): void {
  for (let at = 1; at < bytes.length; at++) assert.equal(run([bytes.subarray(0, at), bytes.subarray(at)]), expected, `${where}, split at ${at}`);
}

describe('passthrough guard: the frame of a stream\'s content chunks', () => {
  it('the key cut at every position across two content chunks, after the role chunk, each read ending right after the chunk with its start', function () {
    // ~3,000 runs of the guard for the splits: ~10 s at load 20
    this.timeout(120_000);
    for (let at = 1; at < KEY.length; at++) {
      const first = ROLE + chunk('hello ') + chunk(`x Bearer ${KEY.slice(0, at)}`);
      const second = chunk(`${KEY.slice(at)} y`) + chunk(' bye') + DONE;
      const body = run([Buffer.from(first), Buffer.from(second)]);
      const where = `cut at ${at}`;
      assert.equal(contentOf(body), at < PASSTHROUGH_MIN_HOLD ? `hello x Bearer ${KEY.slice(0, at)}[redacted] y bye` : 'hello x Bearer [redacted] y bye', where);
      assert.equal(body.includes(KEY.slice(PASSTHROUGH_MIN_HOLD - 1, PASSTHROUGH_MIN_HOLD + 4)), false, where);
      // the same at every split of the bytes into two reads, for some cuts
      if (at === PASSTHROUGH_MIN_HOLD - 1 || at === KEY.length - 1) atEverySplit(Buffer.from(first + second), body, where);
    }
  });

  it('the key trickled a character a chunk: its start as the text shows it, then [redacted]; the chunks around it as they came', () => {
    const chunks = [...`x Bearer ${KEY} y`].map((c) => chunk(c));
    const body = run([Buffer.from(ROLE + chunks.join('') + DONE)]);
    assert.equal(contentOf(body), `x Bearer ${KEY.slice(0, PASSTHROUGH_MIN_HOLD - 1)}[redacted] y`);
    assert.equal(body.startsWith(ROLE + chunks.slice(0, 12).join('')), true);
    assert.equal(body.endsWith(chunks.slice(-2).join('') + DONE), true);
    // a chunk a read: the same
    assert.equal(run([ROLE, ...chunks, DONE].map((c) => Buffer.from(c))), body);
  });

  it('near misses of the key\'s start (sk-ox, sk-or-v2-, s then k in another choice\'s chunk) go out byte for byte', function () {
    this.timeout(120_000);
    const other = (t: string) => `${HEAD.replace('"index":0', '"index":1')}{"content":${JSON.stringify(t)}}${TAIL}}\n\n`;
    const stream = ROLE + chunk('tasks sk-o') + chunk('x and sk-or-v') + chunk('2-abc and s') + other('k-or-v1-3f9a0c7e51b2') + chunk(' c2st') + chunk('b3X ok') + chunk('') + DONE;
    assert.equal(run([Buffer.from(stream)]), stream);
    atEverySplit(Buffer.from(stream), stream, 'near misses');
  });

  it('an event rewritten for the key keeps its bytes but the content string (members after the choices as they came)', () => {
    const stream = chunk('x Bearer sk-or', ',"sfx_sent":1.50,"n":1E+2') + chunk(`${KEY.slice('sk-or'.length)} y`, ',"sfx_sent":2.0e-1') + DONE;
    assert.equal(run([Buffer.from(stream)]), chunk('x Bearer ', ',"sfx_sent":1.50,"n":1E+2') + chunk('[redacted] y', ',"sfx_sent":2.0e-1') + DONE);
  });

  it('a chunk whose members after the choices hold `choices` (which replaces them) has no content: not followed, as it came', () => {
    const held = `x Bearer ${KEY.slice(0, 20)}`;
    const stream = chunk('a') + chunk(held, ',"choices":null') + chunk(`${KEY.slice(20)} y`) + DONE;
    const body = run([Buffer.from(stream)]);
    assert.equal(body, stream);
    assert.equal(contentOf(body), `a${KEY.slice(20)} y`);
  });

  it('a chunk that is no JSON (a member after the choices with no value) is not followed, as it came', () => {
    for (const bad of [',"n":1.', ',"n":-', ',"n":tru', ',"n":01', ',"n":"a\\u00"', ',"n":1e']) {
      const stream = chunk('a') + chunk(`x Bearer ${KEY.slice(0, 20)}`, bad) + chunk(`${KEY.slice(20)} y`) + DONE;
      assert.equal(run([Buffer.from(stream)]), stream, bad);
    }
  });

  it('reads cut inside events: the whole events of each read are looked at by their content string, only the cut events searched', () => {
    // what the guard searches (startsEnding, the read-wide search; stringMayStart, a frame event's content string)
    const spied = new Redactor([KEY, ...headerSecrets({ authorization: `Bearer ${KEY}` })]);
    let searchedBytes = 0;
    let strings = 0;
    const startsEnding = spied.startsEnding.bind(spied);
    const stringMayStart = spied.stringMayStart.bind(spied);
    spied.startsEnding = (bytes, scanned) => {
      searchedBytes += bytes.length;
      return startsEnding(bytes, scanned);
    };
    spied.stringMayStart = (bytes, open, close, plain, scanned) => {
      strings++;
      return stringMayStart(bytes, open, close, plain, scanned);
    };
    const chunks = Array.from({ length: 30 }, (_, i) => chunk(`word ${i} `));
    const stream = ROLE + chunks.join('') + DONE;
    // three reads: the first ends inside chunk 10's content, the second inside chunk 20's members after the choices
    const cut1 = stream.indexOf(chunks[10]!) + chunks[10]!.indexOf('word') + 2;
    const cut2 = stream.indexOf(chunks[20]!) + chunks[20]!.indexOf('sfx_sent') + 3;
    const reads = [stream.slice(0, cut1), stream.slice(cut1, cut2), stream.slice(cut2)].map((r) => Buffer.from(r));
    const g = createPassthroughGuard(spied)!;
    const body = Buffer.concat([...reads.map((b) => g.push(b)), g.end()].filter((b): b is Buffer => b !== null)).toString();
    assert.equal(body, stream);
    // searched: [DONE] (no frame's), each cut chunk's two parts (the end of one read, the start of the next up
    // to the chunk's end) and the chunk joined from them; before, the whole of the second and third reads
    const cut = chunks[10]!.length + chunks[20]!.length;
    assert.equal(searchedBytes, DONE.length + 2 * cut);
    // each other content chunk looked at by its content string alone, and the role chunk (the first frame tried
    // is its own: the next chunk's differs, and the frame is learnt again from it)
    assert.equal(strings, 1 + 30 - 2);
  });

  it('the key cut across two chunks, the second cut by a read at every byte and the next chunk by the next read: redacted', () => {
    const rest = chunk(`${KEY.slice(20)} y`);
    const bye = chunk(' bye');
    const head = ROLE + chunk('a ') + chunk(`x Bearer ${KEY.slice(0, 20)}`);
    const stream = head + rest + bye + DONE;
    const later = head.length + rest.length + 100;
    for (let at = head.length + 1; at < head.length + rest.length; at++) {
      const body = run([stream.slice(0, at), stream.slice(at, later), stream.slice(later)].map((r) => Buffer.from(r)));
      assert.equal(contentOf(body), 'a x Bearer [redacted] y bye', `cut at ${at}`);
      assert.equal(body.endsWith(bye + DONE), true, `cut at ${at}`);
    }
  });

  it('a member after the choices named error (an object: not the frame\'s) is followed as any chunk', () => {
    const stream = chunk('a') + chunk('b', `,"error":{"message":"Bearer ${KEY.slice(0, 20)}"}`) + chunk('c', `,"error":{"message":"${KEY.slice(20)} y"}`) + DONE;
    const body = run([Buffer.from(stream)]);
    const messages = body
      .split('\n\n')
      .filter((b) => b.startsWith('data: {'))
      .map((b) => (JSON.parse(b.slice(6)) as { error?: { message: string } }).error?.message ?? '')
      .join('');
    assert.equal(messages, 'Bearer [redacted] y');
  });
});
