/**
 * While a stream runs, its lists (repairs, stripped spans, of the content and of each tool call) keep
 * their first and last entries and count the rest, and repair mode keeps the text for its no-JSON answer
 * without keeping its reasoning: memory stays bounded, the client still gets every byte.
 */
import { strict as assert } from 'node:assert';
import { ContentProcessor } from '../../../server/gateway/content';
import { ToolCallRepairers } from '../../../server/gateway/toolCalls';
import { createUnsentText } from '../../../server/gateway/unsent';
import { splitReasoning, StreamFixError, type Repair, type StreamRepairer } from '../../../shared/engine';
import { repairCount } from '../../../shared/protocol';
import { artifactOf, metric, postChat } from '../helpers/gateway';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, collect, sse } from '../helpers/testUpstream';

const REQ = { model: 'test/model', stream: true, messages: [{ role: 'user', content: 'hi' }] };
const engineOf = (t: ToolCallRepairers) => (t as unknown as { calls: Map<number, { repairer: StreamRepairer }> }).calls.get(0)!.repairer;
const brief = (r: readonly Repair[]) => r.map((x) => `${x.kind}@${x.offset}`);

/** `n` deltas of `per` Python `True`s each (one repair every 5 characters), as one JSON array. */
function trueDeltas(n: number, per: number): string[] {
  const unit = 'True,'.repeat(per);
  return Array.from({ length: n }, (_, i) => (i === 0 ? '[' : '') + (i === n - 1 ? unit.slice(0, -1) + ']' : unit));
}

describe('gateway: bounded lists of a running stream', () => {
  const { up, d } = useTestGateway({ apiKey: 'sk-test-secret' });

  it('repair: a stream with 1,000,000 repairs keeps the first and last 2,500, counts the rest, and the client gets it all', async function () {
    this.timeout(120_000);
    const deltas = trueDeltas(1000, 1000);
    up.enqueue({ chunks: [sse(...deltas.map((c) => chunk({ content: c })), chunk({}, 'stop'), '[DONE]')] });
    const metricName = 'streamfix_repairs_total{kind="python_literal",model="test/model"}';
    const before = await metric(d, metricName);
    const finished: number[] = [];
    const off = d.events.subscribe((e) => e.type === 'finished' && finished.push(e.repairs));
    const res = await postChat(d, REQ, { 'x-streamfix-mode': 'repair' });
    const c = collect(await res.text());
    off();
    assert.equal(c.content, '[' + Array(1_000_000).fill('true').join(',') + ']');
    // the counts are of every repair, not of the 5,000 kept: the finished event and the listing
    assert.deepEqual(finished, [1_000_000]);
    const listing = ((await (await fetch(`${d.info.url}/streamfix/results`)).json()) as { data: { id: string; repairs: number }[] }).data;
    assert.equal(listing.find((x) => x.id === res.headers.get('x-streamfix-request-id'))?.repairs, 1_000_000);
    const a = await artifactOf(d, res);
    assert.equal(a.status, 'REPAIRED');
    assert.equal(a.repairs.length, 5000);
    assert.deepEqual(brief(a.repairs.slice(0, 2)), ['python_literal@1', 'python_literal@6']);
    assert.deepEqual(brief(a.repairs.slice(2498, 2502)), ['python_literal@12491', 'python_literal@12496', 'python_literal@4987501', 'python_literal@4987506']);
    assert.deepEqual(brief(a.repairs.slice(-1)), ['python_literal@4999996']);
    assert.deepEqual(a.cuts?.filter((x) => x.field === 'repairs'), [{ field: 'repairs', at: 2500, entries: 995_000 }]);
    // every repair was still reported as it happened
    assert.equal((await metric(d, metricName)) - before, 1_000_000);
  });

  it('counts the repairs the lists dropped (every choice, tool calls too), not the stripped spans', () => {
    const r = { kind: 'python_literal', offset: 0, length: 1, replacement: 'x', message: 'm' } as unknown as Repair;
    assert.equal(repairCount({ repairs: [r], toolCalls: [], choices: [] }), 1);
    const cuts = [
      { field: 'repairs', at: 1, entries: 10 },
      { field: 'toolCalls[2].repairs', at: 1, entries: 20 },
      { field: 'choices[0].repairs', at: 1, entries: 300 },
      { field: 'choices[0].toolCalls[0].repairs', at: 0, entries: 4000 },
      { field: 'stripped', at: 1, entries: 50_000 },
      { field: 'rawContent', at: 1, chars: 600_000 },
    ];
    assert.equal(repairCount({ repairs: [r], toolCalls: [], choices: [], cuts }), 4331);
  });

  it('strip: 6,000 think blocks keep the first and last 100 spans, the cut counted', async () => {
    const deltas = Array.from({ length: 6000 }, (_, i) => `<think>${i}</think>`);
    up.enqueue({ chunks: [sse(...deltas.map((c) => chunk({ content: c })), chunk({ content: 'done' }), chunk({}, 'stop'), '[DONE]')] });
    const res = await postChat(d, REQ, { 'x-streamfix-mode': 'strip' });
    const c = collect(await res.text());
    assert.equal(c.content, 'done');
    assert.equal(c.reasoning, Array.from({ length: 6000 }, (_, i) => String(i)).join(''));
    const a = await artifactOf(d, res);
    assert.equal(a.stripped.length, 200);
    assert.deepEqual([a.stripped[0]!.text, a.stripped[99]!.text, a.stripped[100]!.text, a.stripped[199]!.text], ['<think>0</think>', '<think>99</think>', '<think>5900</think>', '<think>5999</think>']);
    assert.deepEqual(a.cuts, [{ field: 'stripped', at: 100, entries: 5800 }]);
  });

  it('repair: the stripped spans are bounded alike', async () => {
    const deltas = Array.from({ length: 6000 }, (_, i) => `<think>${i}</think>`);
    up.enqueue({ chunks: [sse(...deltas.map((c) => chunk({ content: c })), chunk({ content: '{"a":1}' }), chunk({}, 'stop'), '[DONE]')] });
    const res = await postChat(d, REQ, { 'x-streamfix-mode': 'repair' });
    assert.equal(collect(await res.text()).content, '{"a":1}');
    const a = await artifactOf(d, res);
    assert.equal(a.status, 'VALID');
    assert.equal(a.stripped.length, 200);
    assert.deepEqual([a.stripped[99]!.text, a.stripped[100]!.text], ['<think>99</think>', '<think>5900</think>']);
    assert.deepEqual(a.cuts, [{ field: 'stripped', at: 100, entries: 5800 }]);
  });

  it("repair: a tool call's arguments with 10,000 repairs keep 5,000 of them, the cut named by the call", async () => {
    const deltas = trueDeltas(10, 1000);
    const tc = (args: string, first: boolean) => chunk({ tool_calls: [{ index: 0, ...(first ? { id: 'call_1', type: 'function' } : {}), function: { ...(first ? { name: 'f' } : {}), arguments: args } }] });
    up.enqueue({ chunks: [sse(...deltas.map((x, i) => tc(x, i === 0)), chunk({}, 'tool_calls'), '[DONE]')] });
    const res = await postChat(d, REQ, { 'x-streamfix-mode': 'repair' });
    assert.equal(collect(await res.text()).tools.get(0), '[' + Array(10_000).fill('true').join(',') + ']');
    const a = await artifactOf(d, res);
    const t = a.toolCalls[0]!;
    assert.equal(t.repairs.length, 5000);
    assert.deepEqual(brief([t.repairs[2499]!, t.repairs[2500]!]), ['python_literal@12496', 'python_literal@37501']);
    assert.deepEqual(a.cuts, [{ field: 'toolCalls[0].repairs', at: 2500, entries: 5000 }]);
  });

  it('repair: a no-JSON answer after a long think block is the text as sent, byte for byte', async () => {
    const think = '<think>' + 'plan '.repeat(100_000) + '</think>';
    const deltas = [...Array.from({ length: 50 }, (_, i) => think.slice(i * 10_000, (i + 1) * 10_000)), think.slice(500_000), 'Sorry, I cannot ', 'help with that.'];
    up.enqueue({ chunks: [sse(...deltas.map((c) => chunk({ content: c })), chunk({}, 'stop'), '[DONE]')] });
    const res = await postChat(d, REQ, { 'x-streamfix-mode': 'repair' });
    const c = collect(await res.text());
    assert.equal(c.content, 'Sorry, I cannot help with that.');
    assert.equal(c.reasoning, 'plan '.repeat(100_000));
    const a = await artifactOf(d, res);
    assert.equal(a.status, 'FAILED');
  });
});

describe('gateway: the no-JSON answer kept before the first output', () => {
  const texts = [
    '<think>a plan</think>Sorry, no.',
    'plan</think> the answer <think>more',
    '<|channel|>analysis<|message|>think<|end|><|start|>assistant<|channel|>final<|message|>text',
    '  prose {not json} and <b>tags</b>\n```\ncode\n```',
  ];
  it('is splitReasoning of all of it, kept raw or split, at every split point and every raw bound', () => {
    for (const text of texts) {
      const expected = splitReasoning(text).content;
      for (let rawKeep = 0; rawKeep <= text.length; rawKeep += 3) {
        for (let k = 0; k <= text.length; k++) {
          const u = createUnsentText(rawKeep);
          u.push(text.slice(0, k));
          u.push(text.slice(k));
          assert.equal(u.end(), expected, `${JSON.stringify(text)} raw ${rawKeep} split ${k}`);
        }
      }
    }
  });

  it('keeps no reasoning once past its raw bound', () => {
    const u = createUnsentText(100);
    u.push('<think>');
    for (let i = 0; i < 10_000; i++) u.push('x'.repeat(100));
    u.push('</think>tail');
    assert.equal(u.kept, 0);
    assert.equal(u.end(), 'tail');
  });

  it('the content processor bounds its stripped spans at its list limit, at every split point', () => {
    const text = '<think>1</think><think>2</think>[True]<think>3</think><think>4</think>';
    for (let k = 0; k <= text.length; k++) {
      const p = new ContentProcessor('repair', {}, false, 1000, undefined, 2, 2);
      const out = [p.push(text.slice(0, k)), p.push(text.slice(k)), p.end()];
      assert.equal(out.map((s) => s.content).join(''), '[true]', `split ${k}`);
      assert.deepEqual(out.flatMap((s) => brief(s.repairs)), ['python_literal@33'], `split ${k}`);
      assert.deepEqual(p.stripped.map((s) => s.text), ['<think>1</think>', '<think>4</think>'], `split ${k}`);
      assert.deepEqual(p.cuts(0), [{ field: 'stripped', at: 1, entries: 2 }], `split ${k}`);
    }
  });

  it('reports every repair the end decides, also past the kept tail, at every split point', () => {
    // prose first: the answer is held and its repairs are all decided at the end
    const text = "Sure, here it is: {a: True, b: None, c: 'x'} hope it helps";
    const all = ['unquoted_key@19', 'python_literal@22', 'unquoted_key@28', 'python_literal@31', 'unquoted_key@37', 'single_quotes@40', 'single_quotes@42'];
    for (let k = 0; k <= text.length; k++) {
      const p = new ContentProcessor('repair', {}, false, 1000, undefined, 2, 2);
      const out = [p.push(text.slice(0, k)), p.push(text.slice(k)), p.end()];
      assert.deepEqual(out.flatMap((s) => brief(s.repairs)), all, `split ${k}`);
      assert.equal(out.map((s) => s.content).join(''), '{"a": true, "b": null, "c": "x"}', `split ${k}`);
      assert.deepEqual(brief(p.result!.repairs), ['unquoted_key@19', 'single_quotes@42']);
      assert.deepEqual(p.cuts(0), [{ field: 'repairs', at: 1, entries: 5 }], `split ${k}`);
    }
  });

  it("a tool call's arguments with no JSON go out as sent, a delta the engine refused included, at every split", () => {
    const args = 'no JSON here, only words';
    for (let k = 0; k <= args.length; k++) {
      const t = new ToolCallRepairers(true, { maxHoldBack: 12 }, 8);
      let refused = 0;
      for (const piece of [args.slice(0, k), args.slice(k)]) {
        try {
          t.push({ index: 0, function: { arguments: piece } }, 0);
        } catch (e) {
          refused++;
          assert.equal((e as { code?: string }).code, 'HOLDBACK_LIMIT');
        }
      }
      // a refused push leaves the engine failed: the next one is refused too
      assert.equal(refused, k > 12 && k < args.length ? 2 : 1, `split ${k}`);
      assert.deepEqual(t.end(), [{ index: 0, text: args, repairs: [] }], `split ${k}`);
      assert.equal(t.artifacts()[0]!.status, 'FAILED');
    }
  });

  it("a tool call's raw and repaired arguments are bounded while they come, the cuts recorded, at every chunk size", () => {
    const args = "{'a':'" + 'x'.repeat(30) + "'}";
    for (let size = 1; size <= args.length; size++) {
      const t = new ToolCallRepairers(true, {}, 8);
      const sent: string[] = [];
      for (let i = 0; i < args.length; i += size) {
        const tc = { index: 0, function: { arguments: args.slice(i, i + size) } };
        t.push(tc, 0);
        sent.push(tc.function.arguments);
      }
      const [end] = t.end();
      // the client still gets every byte of the repaired arguments
      assert.equal(sent.join('') + (end?.text ?? ''), '{"a":"' + 'x'.repeat(30) + '"}', `size ${size}`);
      const [a] = t.artifacts();
      assert.equal(a!.rawArguments, "{'a'xx'}", `size ${size}`);
      assert.equal(a!.repairedArguments, '{"a"xx"}', `size ${size}`);
      assert.deepEqual(t.cuts(), [
        { field: 'toolCalls[0].rawArguments', at: 4, chars: 30 },
        { field: 'toolCalls[0].repairedArguments', at: 4, chars: 30 },
      ], `size ${size}`);
      // the engine kept no copy of its own (it kept the whole arguments, up to maxInputLength)
      assert.throws(() => engineOf(t).emitted, (e: unknown) => e instanceof StreamFixError && e.code === 'INVALID_OPTION', `size ${size}`);
    }
    // kept whole for a check of the whole arguments at the end (a tool schema): the engine keeps them
    const whole = new ToolCallRepairers(true, {}, 8, true);
    whole.push({ index: 0, function: { arguments: args } }, 0);
    whole.end();
    assert.equal(whole.artifacts()[0]!.repairedArguments, '{"a":"' + 'x'.repeat(30) + '"}');
    assert.deepEqual(whole.cuts(), [{ field: 'toolCalls[0].rawArguments', at: 4, chars: 30 }]);
    assert.equal(engineOf(whole).emitted, '{"a":"' + 'x'.repeat(30) + '"}');
  });
});
