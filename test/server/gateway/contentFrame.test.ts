import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { createStreamRepairer, type Repair } from '../../../shared/engine';
import type { AppliedMode } from '../../../shared/protocol';
import { frameOf, jsonString, matchFrame, unescapeLiteral } from '../../../server/gateway/contentFrame';
import { StreamRewriter } from '../../../server/gateway/streamRewrite';
import { readThrough } from '../helpers/rewrite';

const HEAD = '{"id":"gen-1","provider":"OpenAI","model":"m","object":"chat.completion.chunk","created":1,"choices":[{"index":0,"delta":{"content":';
const TAIL = '},"finish_reason":null,"native_finish_reason":null,"logprobs":null}],"sfx_sent":12.5}';
/** A plain content chunk with the content literal spelled as given (JSON text). */
const raw = (literal: string, tail = TAIL, head = HEAD) => head + literal + tail;
const plain = (content: string) => raw(JSON.stringify(content));
const FINISH = '{"id":"gen-1","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}';

/** What a rewriter recorded: per choice what it received and sent, and the stream's state. */
function recorded(rw: StreamRewriter) {
  const choices = [...rw.choices.values()].map((c) => ({
    index: c.index,
    raw: c.content.raw,
    sent: c.content.sent,
    moved: c.content.moved,
    stuttering: c.content.stuttering,
    reasoning: c.fieldReasoning.toString(),
    finish: c.finishReason,
    tools: c.tools.artifacts(),
  }));
  const state = { dataEvents: rw.dataEvents, malformed: rw.malformed, samples: rw.malformedSamples, usage: rw.usage, errors: rw.upstreamErrors };
  return { choices, state, fast: rw.fastChunks };
}

/** Everything observable about one run: the events sent, the repairs reported and the state recorded. */
function run(mode: AppliedMode, events: string[], fastPath: boolean) {
  const repairs: [Repair, number | undefined][] = [];
  const rw = new StreamRewriter(mode, { onRepair: (r, i) => repairs.push([r, i]) }, {}, fastPath);
  const out = events.map((e) => rw.onData(e));
  // as the gateway ends a body: a stream without [DONE] was cut short
  out.push(rw.sawDone ? [] : rw.finish(true));
  return { out, repairs, ...recorded(rw) };
}

/**
 * The events as the gateway reads them: SSE bytes cut into reads of `size` bytes (0: one read), through
 * the decoder's split and the rewriter's in-read fast path (ReadRewriter). Same observables as `run`,
 * with the output of the whole stream as one string.
 */
function runReads(mode: AppliedMode, events: string[], size: number) {
  const repairs: [Repair, number | undefined][] = [];
  const rw = new StreamRewriter(mode, { onRepair: (r, i) => repairs.push([r, i]) });
  const bytes = Buffer.from(events.map((e) => `data: ${e}\n\n`).join(''), 'utf8');
  const step = size || bytes.length;
  const sent = readThrough(rw, bytes, Array.from({ length: Math.ceil(bytes.length / step) - 1 }, (_, i) => (i + 1) * step));
  return { sent, repairs, ...recorded(rw) };
}

/** Runs both paths on the same events in every mode, and the read path at several read sizes; returns
 * the chunks the fast path took. */
function same(events: string[]): number {
  let fast = 0;
  for (const mode of ['repair', 'strip', 'passthrough'] as const) {
    const full = run(mode, events, false);
    const quick = run(mode, events, true);
    assert.equal(full.fast, 0);
    assert.deepEqual({ ...quick, fast: 0 }, { ...full, fast: 0 }, `mode ${mode}`);
    fast += quick.fast;
    const sent = mode === 'passthrough' ? '' : full.out.flat().join('');
    for (const size of [0, 1, 5, 64]) {
      const reads = runReads(mode, events, size);
      assert.deepEqual({ ...reads, fast: 0 }, { sent, repairs: full.repairs, choices: full.choices, state: full.state, fast: 0 }, `mode ${mode}, reads of ${size || 'all'} bytes`);
      if (size === 0) assert.equal(reads.fast, quick.fast, `mode ${mode}: the in-read fast path takes the chunks the string fast path takes`);
    }
  }
  return fast;
}

describe('gateway/contentFrame (the fast path equals the full parse)', () => {
  it('takes the fast path for plain content chunks and sends what the full path sends', () => {
    const events = [plain('{"a": [1'), plain(', 2'), plain(', {"b": "c'), plain('"}'), FINISH, '[DONE]'];
    assert.equal(same(events), 3 * 3);
    // the spliced text keeps every other byte of the chunk
    const engine = createStreamRepairer();
    const outs = ['{"a": [1', ', 2'].map((p) => engine.push(p).output);
    assert.notEqual(outs[1], ', 2');
    assert.equal(run('repair', events, true).out[1]![0], `data: ${plain(outs[1]!)}\n\n`);
  });

  it('escaped quotes, backslashes and unicode escapes in the content', () => {
    assert.equal(same([plain('{"q": "say \\"hi\\"'), plain(' \\\\ back'), raw('"\\u00e9t\\u00e9 \\ud83d\\ude00"'), plain('é 😀 \n\t"}'), FINISH]) > 0, true);
  });

  it('content escaped otherwise than JSON.stringify is serialized again, as the full path does', () => {
    const events = [plain('['), raw('"\\u0031, 2"'), raw('"\\/x"'), FINISH];
    assert.equal(same(events) > 0, true);
    const engine = createStreamRepairer();
    engine.push('[');
    const second = engine.push('1, 2').output;
    assert.equal(run('repair', events, true).out[1]![0], `data: ${JSON.stringify(JSON.parse(plain(second)))}\n\n`);
  });

  it('"content" inside another string does not count as the key', () => {
    const head = '{"id":"gen-1","note":"a \\"content\\":\\"x\\" inside","choices":[{"index":0,"delta":{"content":';
    const tail = '}}],"more":"\\"content\\": \\"y\\""}';
    same([raw('"{\\"a\\": 1"', TAIL, head), raw('"}"', TAIL, head), plain('{'), raw('"\\"k\\":"', tail), raw('"1"', tail), FINISH]);
    assert.equal(frameOf(raw('"{"', TAIL, head))?.prefix, head);
    assert.equal(matchFrame(frameOf(plain('x'))!, raw('"1"', tail)), null);
  });

  it('content null, empty content, missing content', () => {
    const nul = HEAD + 'null' + TAIL;
    const none = HEAD.replace('{"content":', '{"role":"assistant"') + TAIL;
    assert.equal(same([plain('{"a"'), nul, plain(''), plain(': 1'), none, plain(''), FINISH]) > 0, true);
  });

  it('two choices in one chunk and a second choice in its own chunks', () => {
    const two = '{"id":"gen-1","choices":[{"index":0,"delta":{"content":"[1"}},{"index":1,"delta":{"content":"{\'b\': tru"}}]}';
    const second = raw('"[2"', TAIL, HEAD.replace('"index":0', '"index":1'));
    const extra = raw('"x"', '},"finish_reason":null},{"index":1,"delta":{"content":"y"}}]}');
    assert.equal(same([plain('[0'), two, plain(', 3'), second, extra, plain(']'), '{"choices":[{"index":1,"delta":{},"finish_reason":"length"}]}', FINISH]) > 0, true);
  });

  it('tool calls next to the content', () => {
    const tool = raw('"{\\"a\\""', '},"tool_calls":[{"index":0,"id":"c1","type":"function","function":{"name":"f","arguments":"{\'x\': 1"}}]}]}');
    const head = HEAD.replace('{"content":', '{"tool_calls":[{"index":0,"function":{"arguments":", \'y\': [2"}}],"content":');
    assert.equal(same([plain('{"a"'), tool, plain(': 1'), raw('", \\"b\\": 2"', TAIL, head), plain(''), FINISH]) > 0, true);
  });

  it('reasoning and content in one delta, and think blocks moved out of the content', () => {
    const before = HEAD.replace('{"content":', '{"reasoning":"hmm","content":');
    assert.equal(
      same([plain('<think>plan'), plain(' more</think>{"a"'), raw('": 1"', TAIL, before), raw('", \\"b\\": 2"', `,"reasoning":"later"${TAIL}`), plain('<think>x</think>'), plain('}'), FINISH]) > 0,
      true,
    );
  });

  it("the root's own members after the choices: passed through, template fields and acted-on members parsed", () => {
    const tail = (root: string) => `},"finish_reason":null}]${root}}`;
    const events = [
      plain('{"a": '),
      raw('"[1"', tail(',"usage":null,"obfuscation":"x9Z","sfx":1.5e3,"ok":true')),
      raw('", 2"', tail(',"choices_x":1,"usage_note":"n"')),
      raw('"]"', tail(',"model":"m2"')),
      raw('", \'b\': 2"', tail(',"usage":{"total_tokens":3}')),
      raw('"}"', tail(',"choices":[]')),
      // a backslash in a member of the root: not plain (the full path reads its escapes), valid or not
      raw('"1"', tail(',"note":"say \\"hi\\""')),
      raw('"2"', tail(',"k":"a\\","x":1')),
      FINISH,
      '[DONE]',
    ];
    assert.equal(same(events) > 0, true);
    const f = frameOf(plain('x'))!;
    matchFrame(f, raw('"1"', tail('')));
    assert.deepEqual(matchFrame(f, raw('"1"', tail(',"usage":null,"obfuscation":"x9Z"')))?.values, f.values);
    assert.equal(matchFrame(f, raw('"1"', tail(',"usage":{"total_tokens":3}'))), null);
    assert.equal(matchFrame(f, raw('"1"', tail(',"choices":[]'))), null);
    assert.equal(matchFrame(f, raw('"1"', tail(',"note":"say \\"hi\\""'))), null);
    assert.equal(matchFrame(f, raw('"1"', tail(',"k":"a\\","x":1'))), null);
    assert.equal(matchFrame(f, raw('"1"', tail(',"model":"m2"')))?.values.model, 'm2');
  });

  it('finish_reason, usage and an error in the suffix take the full path', () => {
    const finish = raw('"}"', '},"finish_reason":"length"}]}');
    const usage = raw('""', '}}],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}');
    const error = raw('""', '}}],"error":{"message":"boom","code":502}}');
    assert.equal(same([plain('{"a": '), plain('[1'), finish, usage, error, '[DONE]']) > 0, true);
  });

  it('malformed chunks are skipped and counted as on the full path', () => {
    assert.equal(same([plain('['), raw('"1', ''), raw('"1"', '}}]'), raw('"1"', '}}]}}'), raw('"\u0001"'), raw('"\\x"'), plain(', 2'), FINISH]) > 0, true);
  });

  it('duplicate keys and other spacing in the suffix take the full path', () => {
    const cases = [
      raw('"1"', '}}],"choices":[{"index":0,"delta":{"content":"2"}}]}'),
      raw('"1"', ',"content":"2"}}]}'),
      raw('"1"', '},"delta":{"content":"2"}}]}'),
      raw('"1"', ',"cont\\u0065nt":"2"}}]}'),
      raw('"1"', ',"index":1}]}'),
      raw('"1"', '},"index":1}]}'),
      raw('"1"', '},"index":0}],"model":"other","id":"gen-2"}'),
    ];
    assert.equal(same([plain('['), ...cases, plain(']'), FINISH]) > 0, true);
    const f = frameOf(plain('x'))!;
    for (const c of cases.slice(0, 6)) assert.equal(matchFrame(f, c), null, c);
    assert.deepEqual(matchFrame(f, cases[6]!)?.values, { id: 'gen-2', object: 'chat.completion.chunk', created: 1, model: 'other', provider: 'OpenAI' });
  });

  it('no frame for chunks the fast path cannot express', () => {
    assert.equal(frameOf(HEAD.replace('"content":', '"content": ') + '"x"' + TAIL), null);
    assert.equal(frameOf(HEAD.replace('"index":0', '"index":2') + '"x"' + TAIL), null);
    assert.equal(frameOf(HEAD.replace('"delta":{', '"finish_reason":"stop","delta":{') + '"x"' + TAIL), null);
    assert.equal(frameOf('{"choices":[{"index":0,"delta":{"content":"x"}},{"index":1,"delta":{"content":"y"}}]}'), null);
    assert.equal(frameOf('{"choices":{"delta":{"content":"x"}}}'), null);
    assert.equal(frameOf(plain('x'))?.prefix, HEAD);
  });

  it('any content split into any chunks: the fast path equals the full path', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('{"a": [1', '<think>', '</think>', "'x'", '\\', '"', ']}')), { maxLength: 12 }), (pieces) => {
        same([...pieces.map(plain), FINISH, '[DONE]']);
      }),
      { numRuns: 150 },
    );
  });

  it('decodes an escaped content literal as JSON.parse does, and refuses what JSON.parse refuses', () => {
    const viaParse = (body: string): string | null => {
      try {
        return JSON.parse(`"${body}"`) as string;
      } catch {
        return null;
      }
    };
    const cases = ['a\\"b', '\\\\', '\\/\\b\\f\\n\\r\\t', '\\u00e9t\\u00E9', '\\ud83c\\udf24', '\\ud83c', 'x\\', '\\x41', '\\u12', '\\u12g4', '\\u'];
    for (const c of cases) assert.equal(unescapeLiteral(`[${c}]`, 1, c.length + 1), viaParse(c), c);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom('\\', '\\u', '\\u00', 'u', 'n', '"', '\\"', 'ab12')), { maxLength: 8 }), (parts) => {
        const body = parts.join('').replace(/[\u0000-\u001f]/g, '');
        // the caller hands over a literal scanned to its unescaped closing quote: no bare quote inside
        if (/(^|[^\\])(\\\\)*"/.test(body)) return;
        assert.equal(unescapeLiteral(body, 0, body.length), viaParse(body));
      }),
      { numRuns: 500 },
    );
  });

  it('jsonString writes exactly what JSON.stringify writes', () => {
    const cases = ['', 'plain', 'a"b', 'back\\slash', 'new\nline \t \u0000 \u001f \u007f', 'é 🌤 \u2028', '\ud83c', 'x\udf24', '\ud83c\udf24'];
    for (const c of cases) assert.equal(jsonString(c), JSON.stringify(c), JSON.stringify(c));
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => assert.equal(jsonString(s), JSON.stringify(s))),
      { numRuns: 500 },
    );
  });
});
