/**
 * Repair mode keeps a bounded copy of the engine's output for the artifact (head and tail, the cut
 * recorded) and the engine keeps none of its own (it kept the whole answer, up to maxInputLength, for
 * `result.json`), unless a content schema must check the whole answer at the end. The client still gets
 * every byte, at every split of the upstream body.
 */
import { strict as assert } from 'node:assert';
import { ContentProcessor } from '../../../server/gateway/content';
import { StreamFixError, type StreamRepairer } from '../../../shared/engine';
import { artifactOf, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { atEveryByteSplit, collect, sse } from '../helpers/testUpstream';

const RAW = "{'name': 'Ada Lovelace', 'born': 1815, 'active': True, 'tags': ['math', 'engines',],}";
const SENT = '{"name": "Ada Lovelace", "born": 1815, "active": true, "tags": ["math", "engines"]}';
const delta = (content: string, finish?: string) => JSON.stringify({ choices: [{ index: 0, delta: { content }, ...(finish ? { finish_reason: finish } : {}) }] });
const engineOf = (c: ContentProcessor) => (c as unknown as { repairer: StreamRepairer }).repairer;

describe('gateway: the engine output of a repair stream, bounded for the artifact', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret', maxArtifactText: 16 });

  it('keeps its head and tail with the cut, and the client gets every byte, at every byte split', async function () {
    this.timeout(120_000);
    const body = Buffer.from(sse(delta(RAW.slice(0, 20)), delta(RAW.slice(20, 50)), delta(RAW.slice(50)), delta('', 'stop'), '[DONE]'), 'utf8');
    await atEveryByteSplit(up, body, 8, async (k) => {
      const res = await postChat(d, { model: 'test/model', stream: true, messages: [{ role: 'user', content: String(k) }] }, { 'x-streamfix-mode': 'repair' });
      assert.equal(collect(await res.text()).content, SENT, `split ${k}`);
      const a = await artifactOf(d, res);
      assert.equal(a.status, 'REPAIRED', `split ${k}`);
      assert.equal(a.repairedContent, '{"name":gines"]}', `split ${k}`);
      assert.equal(a.rawContent, "{'name':nes',],}", `split ${k}`);
      assert.deepEqual(a.cuts, [
        { field: 'rawContent', at: 8, chars: 69 },
        { field: 'repairedContent', at: 8, chars: 67 },
      ], `split ${k}`);
    });
  });

  it('runs the engine without its own copy of the output, unless asked to keep it', () => {
    const c = new ContentProcessor('repair', {}, false, 16);
    assert.equal(c.push(RAW).content + c.end().content, SENT);
    assert.throws(() => engineOf(c).emitted, (e: unknown) => e instanceof StreamFixError && e.code === 'INVALID_OPTION');
    assert.equal(c.result?.json, null);
    assert.equal(c.result?.status, 'REPAIRED');
    // a content schema checks the whole answer at the end: this object keeps it then, the engine still not
    const kept = new ContentProcessor('repair', { keepOutput: true }, false, 16);
    assert.equal(kept.push(RAW).content + kept.end().content, SENT);
    assert.throws(() => engineOf(kept).emitted, (e: unknown) => e instanceof StreamFixError && e.code === 'INVALID_OPTION');
    assert.equal(kept.sent, '{"name":gines"]}');
    assert.equal(kept.sentWhole, SENT);
  });

  it('keeps the whole answer for a content schema past the artifact limit, at every split into two pushes', () => {
    for (let k = 0; k <= RAW.length; k++) {
      const c = new ContentProcessor('repair', { keepOutput: true }, false, 16);
      const out = c.push(RAW.slice(0, k)).content + c.push(RAW.slice(k)).content + c.end().content;
      assert.equal(out, SENT, `split ${k}`);
      assert.equal(c.sent, '{"name":gines"]}', `split ${k}`);
      assert.equal(c.sentWhole, SENT, `split ${k}`);
    }
  });

  it('keeps an answer of exactly the artifact limit whole in the artifact copy alone, one character more past it', () => {
    const at = new ContentProcessor('repair', { keepOutput: true }, false, SENT.length);
    at.push(RAW);
    at.end();
    assert.equal(at.sent, SENT);
    assert.equal(at.sentWhole, SENT);
    assert.equal((at as unknown as { sentAll: unknown }).sentAll, null);
    const over = new ContentProcessor('repair', { keepOutput: true }, false, SENT.length - 1);
    over.push(RAW);
    over.end();
    assert.equal(over.sent, SENT.slice(0, 41) + SENT.slice(SENT.length - 41));
    assert.equal(over.sentWhole, SENT);
  });

  it('keeps no whole copy of an answer auto mode strips (no engine limit bounds prose; the check does not run)', () => {
    const prose = 'A long answer in prose, no JSON anywhere in it at all.';
    const c = new ContentProcessor('strip', { keepOutput: true }, true, 16, 0);
    const out = c.push(prose).content + c.end().content;
    assert.equal(out, prose);
    assert.equal(c.mode, 'strip');
    assert.equal(c.sent, 'A long a at all.');
    assert.equal(c.sentWhole, 'A long a at all.');
  });

  it('still answers the text as sent when no JSON came, though the engine kept no output', async () => {
    up.enqueue({ chunks: [sse(delta('No JSON '), delta('here, sorry.'), delta('', 'stop'), '[DONE]')] });
    const res = await postChat(d, { model: 'test/model', stream: true, messages: [{ role: 'user', content: 'x' }] }, { 'x-streamfix-mode': 'repair' });
    assert.equal(collect(await res.text()).content, 'No JSON here, sorry.');
    const a = await artifactOf(d, res);
    assert.equal(a.status, 'FAILED');
    assert.equal(a.repairedContent, 'No JSON , sorry.');
    assert.deepEqual(a.cuts, [
      { field: 'rawContent', at: 8, chars: 4 },
      { field: 'repairedContent', at: 8, chars: 4 },
    ]);
  });
});

describe('gateway: whitespace and prose held before the value, bounded by maxHoldBack', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret', engine: { maxHoldBack: 8 } });

  const CASES: [string, string[], string][] = [
    ['9 spaces before the value', ['    ', '     {"a":', '1}'], 'More than maxHoldBack (8) characters of whitespace before the value are held back undecided'],
    ['3 runs of prose, 9 characters', ['abc<think>1</think>', 'def<think>2</think>', 'ghi {"a":1}'], 'More than maxHoldBack (8) characters are held back undecided'],
  ];
  for (const [name, deltas, message] of CASES) {
    it(`${name}: the stream ends with the engine's error, the artifact says why, at every byte split`, async function () {
      this.timeout(60_000);
      const body = Buffer.from(sse(...deltas.map((c) => delta(c)), delta('', 'stop'), '[DONE]'), 'utf8');
      await atEveryByteSplit(up, body, 1, async (at) => {
        const res = await postChat(d, { model: 'test/model', stream: true, messages: [{ role: 'user', content: String(at) }] }, { 'x-streamfix-mode': 'repair' });
        const text = await res.text();
        const c = collect(text);
        assert.equal(c.content, '', `split ${at}`);
        assert.equal(text.endsWith(`data: ${JSON.stringify({ error: { message: `StreamFix could not repair this stream: ${message}`, type: 'server_error', code: 'HOLDBACK_LIMIT' } })}\n\ndata: [DONE]\n\n`), true, `split ${at}: ${text}`);
        const a = await artifactOf(d, res);
        assert.equal(a.status, 'FAILED', `split ${at}`);
        // once: the end of the stopped engine reports the same error again, which is not a second one
        assert.deepEqual(a.errors, [{ message, code: 'HOLDBACK_LIMIT' }], `split ${at}`);
      });
    });
  }
});

describe('gateway: the engine output of a tool call in repair mode, bounded for the artifact', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret', maxArtifactText: 16 });

  const ARGS = "{'path': 'notes/today.txt', 'text': 'hello world',}";
  const FIXED = '{"path": "notes/today.txt", "text": "hello world"}';
  const call = (args: string, first: boolean) => JSON.stringify({ choices: [{ index: 0, delta: { tool_calls: [{ index: 0, ...(first ? { id: 'call_1', type: 'function' } : {}), function: { ...(first ? { name: 'write' } : {}), arguments: args } }] } }] });
  const finish = JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] });

  it('keeps the head and tail of the repaired arguments with the cut, the client gets every byte, at every byte split', async function () {
    this.timeout(120_000);
    const body = Buffer.from(sse(call(ARGS.slice(0, 15), true), call(ARGS.slice(15, 33), false), call(ARGS.slice(33), false), finish, '[DONE]'), 'utf8');
    await atEveryByteSplit(up, body, 8, async (k) => {
      const res = await postChat(d, { model: 'test/model', stream: true, messages: [{ role: 'user', content: String(k) }] }, { 'x-streamfix-mode': 'repair' });
      assert.equal(collect(await res.text()).tools.get(0), FIXED, `split ${k}`);
      const a = await artifactOf(d, res);
      assert.deepEqual([a.toolCalls[0]!.rawArguments, a.toolCalls[0]!.repairedArguments, a.toolCalls[0]!.status], ["{'path':world',}", '{"path": world"}', 'REPAIRED'], `split ${k}`);
      assert.deepEqual(a.cuts, [
        { field: 'toolCalls[0].rawArguments', at: 8, chars: 35 },
        { field: 'toolCalls[0].repairedArguments', at: 8, chars: 34 },
      ], `split ${k}`);
    });
  });
});
