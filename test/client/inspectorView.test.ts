import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { curlFor, inspectorView, marksOf, modeReason, RAW_SHOWN, replayHeaders, schemaText, shownText, statusScope, TEXT_SHOWN, truncatedCallsText } from '../../client/inspectorView';
import { repairJson } from '../../shared/engine';
import type { Artifact } from '../../shared/protocol';
import { makeArtifact } from '../server/gateway/fixtures/artifactFixture';
import type { InspectorToolCall } from '../../client/webview/messages';

const FENCED = 'Sure!\n```json\n{"a": [1, 2,],}\n```\nDone.';

function fencedArtifact(): Artifact {
  const r = repairJson(FENCED);
  return { ...makeArtifact(1), rawContent: FENCED, repairedContent: r.json, repairs: r.repairs, stripped: r.stripped, mode: 'repair', requestedMode: 'auto',
    request: { bytes: 10, body: { model: 'demo/fenced-prose', response_format: { type: 'json_object' }, messages: [{ role: 'user', content: "it's JSON" }] } } };
}

describe('client/inspectorView', () => {
  describe('statusScope: which choices the status covers', () => {
    const one = { ...makeArtifact(1), status: 'VALID' as const };
    const later = (index: number, status: Artifact['status']) => ({ index, mode: 'repair' as const, status, rawContent: '', repairedContent: null, reasoning: '', repairs: [], stripped: [], toolCalls: [], finishReason: 'stop' });

    it('one choice: nothing to add, no choice-0 verdict', () => {
      assert.deepEqual(statusScope(one), { text: '', choiceZero: false });
    });

    it('n > 1: the worst of the choices, choice 0 with its own verdict', () => {
      assert.deepEqual(statusScope({ ...one, status: 'REPAIRED', choiceStatus: 'VALID', choices: [later(1, 'REPAIRED')] }), { text: ' (the worst of the 2 choices)', choiceZero: true });
    });

    it('choices left unread, counted: said with their number', () => {
      assert.deepEqual(statusScope({ ...one, status: 'TEXT', choiceStatus: 'VALID', unreadChoices: 1 }), { text: ' (the worst of the 1 choice read and 1 left unread, which counts as TEXT)', choiceZero: true });
      assert.deepEqual(statusScope({ ...one, status: 'TEXT', choiceStatus: 'VALID', choices: [later(1, 'VALID')], unreadChoices: 2 }), { text: ' (the worst of the 2 choices read and 2 left unread, which count as TEXT)', choiceZero: true });
    });

    // recorded between choiceStatus (169a258) and unreadChoices (62fd37f): the status counted choices left
    // unread as TEXT but the artifact kept no count of them; choice 0's verdict differs from the status with no
    // other choice kept, which only choices left unread can cause
    it('an artifact from before unreadChoices: choices left unread, number not kept, choice 0 with its own verdict', () => {
      assert.deepEqual(statusScope({ ...one, status: 'TEXT', choiceStatus: 'VALID' }), {
        text: ' (the worst of the 1 choice read and of choices left unread, which count as TEXT; this artifact is from before their number was kept)',
        choiceZero: true,
      });
    });

    it("a status that is choice 0's own (an upstream error, a cut stream, passthrough): nothing added", () => {
      // the gateway sets choiceStatus when choices were left unread, but does not count them in such a status
      assert.deepEqual(statusScope({ ...one, status: 'UPSTREAM_ERROR', choiceStatus: 'UPSTREAM_ERROR' }), { text: '', choiceZero: false });
      assert.deepEqual(statusScope({ ...one, status: 'TEXT', choiceStatus: 'TEXT' }), { text: '', choiceZero: false });
    });

    it('a JSON status beside a schema check that failed or could not run says it is the JSON\'s', () => {
      assert.deepEqual(statusScope({ ...one, schema: { valid: false, errors: [{ path: '/age', message: 'must be integer' }] } }), { text: ' (as JSON; its schema check failed: see Schema)', choiceZero: false });
      assert.deepEqual(statusScope({ ...one, status: 'REPAIRED', schema: { valid: null, error: 'x', errors: [] } }), { text: ' (as JSON; its schema check could not run: see Schema)', choiceZero: false });
      assert.deepEqual(statusScope({ ...one, schema: { valid: true, errors: [] } }), { text: '', choiceZero: false });
      assert.deepEqual(statusScope({ ...one, status: 'FAILED', schema: { valid: false, errors: [] } }), { text: '', choiceZero: false });
      assert.deepEqual(statusScope({ ...one, status: 'REPAIRED', choiceStatus: 'VALID', choices: [later(1, 'REPAIRED')], schema: { valid: false, errors: [] } }), { text: ' (the worst of the 2 choices) (as JSON; its schema check failed: see Schema)', choiceZero: true });
    });
  });

  it('places repairs and stripped spans in the raw content, in order', () => {
    const marks = marksOf(fencedArtifact());
    assert.deepEqual(
      marks.map((m) => [m.what, m.kind, FENCED.slice(m.offset, m.offset + m.length), m.label]),
      [
        ['stripped', 'prose', 'Sure!', 'prose · 5 chars'],
        ['stripped', 'fence', '```json\n', 'fence · 8 chars'],
        ['repair', 'trailing_comma', ',', 'Trailing comma removed'],
        ['repair', 'trailing_comma', ',', 'Trailing comma removed'],
        ['stripped', 'fence', '```', 'fence · 3 chars'],
        ['stripped', 'trailing', 'Done.', 'trailing · 5 chars'],
      ],
    );
  });

  it('says why the mode was applied', () => {
    const a = fencedArtifact();
    assert.equal(modeReason(a), 'repair: auto mode, and the request asked for JSON (response_format json_object)');
    assert.equal(modeReason({ ...a, mode: 'strip', request: undefined }), 'strip: auto mode, and the request did not ask for JSON');
    assert.equal(modeReason({ ...a, requestedMode: 'passthrough', mode: 'passthrough' }), "passthrough: asked for (x-streamfix-mode header or the gateway's default mode)");
    assert.equal(modeReason({ ...a, requestedMode: 'strip', mode: 'strip', request: { bytes: 10, headers: { 'x-streamfix-mode': 'strip' } } }), "strip: asked for by the request's header x-streamfix-mode: strip");
    // auto decided by the answer: the gateway's reason, not a response_format the request did not have
    const byAnswer = { ...a, request: { bytes: 10, body: { model: 'm', messages: [] } } };
    assert.equal(modeReason({ ...byAnswer, modeReason: 'auto: the answer starts as JSON ({)' }), 'repair: auto mode, the answer starts as JSON ({)');
    assert.equal(modeReason({ ...byAnswer, mode: 'strip', modeReason: 'auto: the answer starts with text' }), 'strip: auto mode, the answer starts with text');
    assert.equal(modeReason({ ...byAnswer, request: { bytes: 70000 }, modeReason: 'auto: response_format json_object' }), 'repair: auto mode, response_format json_object');
    assert.equal(modeReason(byAnswer), 'repair: auto mode');
  });

  it('writes the request as a curl command the shell reads back to the same body, without a key', () => {
    const a = { ...fencedArtifact(), requestedMode: 'repair' as const };
    const curl = curlFor(a, 'http://127.0.0.1:8787', true)!;
    assert.equal(
      curl,
      "curl -N http://127.0.0.1:8787/v1/chat/completions \\\n  -H 'content-type: application/json' \\\n  -H 'x-streamfix-mode: repair' \\\n  -H \"authorization: Bearer $STREAMFIX_TOKEN\" \\\n" +
        `  -d '{"model":"demo/fenced-prose","response_format":{"type":"json_object"},"messages":[{"role":"user","content":"it'\\''s JSON"}]}'`,
    );
    // the -d word, through a real shell, is the body exactly
    const word = curl.slice(curl.indexOf("-d '") + 3);
    assert.deepEqual(JSON.parse(execFileSync('sh', ['-c', `printf %s ${word}`], { encoding: 'utf8' })), a.request!.body);
    assert.equal(curlFor({ ...a, request: { bytes: 70000 } }, 'http://127.0.0.1:8787', false), null);
    // a Messages API request goes back to the Messages endpoint
    assert.equal(curlFor({ ...a, api: 'messages' }, 'http://127.0.0.1:8787', false)!.split(' \\\n')[0], 'curl -N http://127.0.0.1:8787/v1/messages');
  });

  it('sends the policy headers the request had with curl and replay (recorded ones; the mode alone for an older artifact), never another header', () => {
    const headers = { 'x-streamfix-truncated-tools': 'reject', 'x-streamfix-schema': 'coerce', authorization: 'Bearer sk-or-v1-x', 'x-api-key': 'k' };
    const a = { ...fencedArtifact(), requestedMode: 'strip' as const, request: { ...fencedArtifact().request!, headers } };
    assert.deepEqual(replayHeaders(a), { 'x-streamfix-truncated-tools': 'reject', 'x-streamfix-schema': 'coerce' });
    assert.deepEqual(curlFor(a, 'http://127.0.0.1:8787', false)!.split(' \\\n  ').slice(0, 4), [
      'curl -N http://127.0.0.1:8787/v1/chat/completions',
      "-H 'content-type: application/json'",
      "-H 'x-streamfix-truncated-tools: reject'",
      "-H 'x-streamfix-schema: coerce'",
    ]);
    // recorded before headers were kept: the mode asked for, as before
    assert.deepEqual(replayHeaders({ ...a, request: fencedArtifact().request }), { 'x-streamfix-mode': 'strip' });
    assert.deepEqual(replayHeaders({ ...a, requestedMode: 'auto', request: fencedArtifact().request }), {});
    // recorded, with none: none, whatever the mode
    assert.deepEqual(replayHeaders({ ...a, request: { bytes: 1, body: {}, headers: {} } }), {});
  });

  it("names the cut tool calls with their choice: the first choice's alone as before, later choices by number", () => {
    assert.equal(truncatedCallsText(undefined), null);
    assert.equal(truncatedCallsText([]), null);
    assert.equal(truncatedCallsText([1]), '#1');
    assert.equal(truncatedCallsText([0, 2]), '#0, #2');
    assert.equal(truncatedCallsText([{ choice: 1, index: 0 }]), 'choice 1: #0');
    assert.equal(truncatedCallsText([1, { choice: 1, index: 0 }, { choice: 1, index: 2 }, { choice: 3, index: 1 }]), 'choice 0: #1 · choice 1: #0, #2 · choice 3: #1');
    const v = inspectorView({ ...fencedArtifact(), truncatedToolCalls: [1, { choice: 2, index: 0 }] });
    assert.equal(v.truncatedCalls, 'choice 0: #1 · choice 2: #0');
    // the artifact's tool calls are the first choice's: only its cut calls are marked among them
    assert.deepEqual(v.cutToolCalls, [1]);
    assert.deepEqual(inspectorView(fencedArtifact()).cutToolCalls, []);
    assert.equal(inspectorView(fencedArtifact()).truncatedCalls, null);
  });

  it('says the schema check: valid, invalid with its first errors, or that it could not run (never a verdict then)', () => {
    const died = 'the pattern engine (RE2) failed, pattern "^a+$" could not be checked: abort(OOM)';
    assert.equal(schemaText(undefined), null);
    assert.equal(schemaText({ valid: true, errors: [] }), 'valid');
    assert.equal(schemaText({ valid: null, error: died, errors: [] }), `schema check could not run: ${died}`);
    const errors = [
      { path: '/age', message: 'must be integer' },
      { path: '', message: "must have required property 'city'", toolCallIndex: 1 },
      { path: '/a', message: 'must be string', choiceIndex: 2 },
      { path: '/b', message: 'must be string' },
    ];
    assert.equal(
      schemaText({ valid: false, errors, error: `tool call 0: ${died}` }),
      `invalid: /age must be integer · tool call #1 (the value) must have required property 'city' · choice 2 /a must be string · 1 more · also schema check could not run: tool call 0: ${died}`,
    );
    assert.equal(inspectorView({ ...fencedArtifact(), schema: { valid: null, error: died, errors: [] } }).schema, `schema check could not run: ${died}`);
    assert.equal(inspectorView(fencedArtifact()).schema, null);
  });

  it('shows each later choice (n > 1) with its own marks, texts and cut calls, bounded, and keeps them out of the artifact copy', () => {
    const RAW1 = "{'b': 2,}";
    const r = repairJson(RAW1);
    const call = { index: 0, name: 'f', rawArguments: 'x'.repeat(TEXT_SHOWN + 5), repairedArguments: null, status: 'TRUNCATED' as const, repairs: [] };
    const a: Artifact = {
      ...fencedArtifact(),
      truncatedToolCalls: [{ choice: 2, index: 0 }],
      choices: [
        { index: 1, mode: 'repair', status: 'REPAIRED', rawContent: RAW1, repairedContent: r.json, reasoning: 'hm', repairs: r.repairs, stripped: [], toolCalls: [], finishReason: 'stop' },
        { index: 2, mode: 'strip', status: 'TEXT', rawContent: 'y'.repeat(RAW_SHOWN + 3), repairedContent: 'y', reasoning: '', repairs: [], stripped: [], toolCalls: [call], finishReason: 'length' },
      ],
    };
    const v = inspectorView(a);
    assert.equal(v.artifact.choices, undefined);
    assert.deepEqual(v.cutToolCalls, []);
    assert.deepEqual(v.choices[0], {
      index: 1,
      mode: 'repair',
      status: 'REPAIRED',
      finishReason: 'stop',
      shownRaw: RAW1,
      omittedChars: 0,
      rawChars: RAW1.length,
      marks: [
        { what: 'repair', kind: 'single_quotes', offset: 1, length: 1, label: 'Single quotes replaced by double quotes', replacement: '"' },
        { what: 'repair', kind: 'single_quotes', offset: 3, length: 1, label: 'Single quotes replaced by double quotes', replacement: '"' },
        { what: 'repair', kind: 'trailing_comma', offset: 7, length: 1, label: 'Trailing comma removed', replacement: '' },
      ],
      repairedContent: '{"b": 2}',
      repairedOmitted: 0,
      reasoning: 'hm',
      reasoningOmitted: 0,
      reasoningChars: 2,
      toolCalls: [],
      cutToolCalls: [],
    });
    const two = v.choices[1]!;
    assert.deepEqual([two.index, two.shownRaw.length, two.omittedChars, two.toolCalls[0]!.rawArguments.length, two.cutToolCalls], [2, RAW_SHOWN, 3, TEXT_SHOWN, [0]]);
    assert.deepEqual(inspectorView(fencedArtifact()).choices, []);
  });

  it("counts what is not shown of each tool call's arguments as sent and as repaired, in every choice, with the artifact's cuts", () => {
    const call = (index: number, raw: string, repaired: string | null) => ({ index, name: 'f', rawArguments: raw, repairedArguments: repaired, status: 'VALID' as const, repairs: [] });
    const a: Artifact = {
      ...fencedArtifact(),
      toolCalls: [call(0, 'a'.repeat(TEXT_SHOWN + 1), 'b'.repeat(TEXT_SHOWN)), call(3, 'c'.repeat(100), null)],
      choices: [{ index: 1, mode: 'repair', status: 'VALID', rawContent: '', repairedContent: null, reasoning: '', repairs: [], stripped: [], toolCalls: [call(2, 'd'.repeat(60), 'e'.repeat(60))], finishReason: 'tool_calls' }],
      cuts: [
        { field: 'toolCalls[3].rawArguments', at: 50, chars: 1000 },
        { field: 'choices[0].toolCalls[2].rawArguments', at: 30, chars: 7 },
        { field: 'choices[0].toolCalls[2].repairedArguments', at: 30, chars: 7 },
      ],
    };
    const v = inspectorView(a);
    const counts = (t: InspectorToolCall) => [t.index, t.rawArguments, t.rawOmitted, t.rawChars, t.repairedArguments, t.repairedOmitted, t.repairedChars];
    assert.deepEqual(v.artifact.toolCalls.map(counts), [
      [0, 'a'.repeat(TEXT_SHOWN), 1, TEXT_SHOWN + 1, 'b'.repeat(TEXT_SHOWN), 0, TEXT_SHOWN],
      [3, 'c'.repeat(50), 1050, 1100, null, 0, 0],
    ]);
    assert.deepEqual(v.choices[0]!.toolCalls.map(counts), [[2, 'd'.repeat(30), 37, 67, 'e'.repeat(30), 37, 67]]);
  });

  it('counts what is not shown of the text as sent: the cap and the characters the artifact cut from its middle', () => {
    assert.deepEqual(shownText('abcdef', 4, []), { text: 'abcd', omitted: 2, total: 6 });
    assert.deepEqual(shownText('abcdef', 100, []), { text: 'abcdef', omitted: 0, total: 6 });
    // never past the artifact's cut: what follows it in the copy is the tail
    assert.deepEqual(shownText('abcdef', 100, [{ at: 3, chars: 10 }]), { text: 'abc', omitted: 13, total: 16 });
    assert.deepEqual(shownText('abcdef', 2, [{ at: 3, chars: 10 }]), { text: 'ab', omitted: 14, total: 16 });
    // a 1 MiB answer kept as 256 Ki head and tail, and its reasoning and repaired content, in each choice
    const HALF = 256 * 1024;
    const a: Artifact = {
      ...fencedArtifact(),
      rawContent: 'h'.repeat(HALF) + 't'.repeat(HALF),
      repairedContent: 'p'.repeat(TEXT_SHOWN + 1),
      reasoning: 'r'.repeat(HALF * 2),
      repairs: [],
      stripped: [],
      choices: [{ index: 1, mode: 'strip', status: 'TEXT', rawContent: 'c'.repeat(2 * HALF), repairedContent: 'c', reasoning: 'x'.repeat(10), repairs: [], stripped: [], toolCalls: [], finishReason: 'stop' }],
      cuts: [
        { field: 'rawContent', at: HALF, chars: 1024 * 1024 - 2 * HALF },
        { field: 'reasoning', at: HALF, chars: 7 },
        { field: 'reasoning', at: 2 * HALF, chars: 5 },
        { field: 'repairs', at: 3, entries: 9 },
        { field: 'choices[0].rawContent', at: HALF, chars: 100 },
        { field: 'choices[0].reasoning', at: 4, chars: 6 },
      ],
    };
    const v = inspectorView(a);
    assert.deepEqual([v.shownRaw.length, v.omittedChars, v.rawChars], [RAW_SHOWN, 1024 * 1024 - RAW_SHOWN, 1024 * 1024]);
    assert.deepEqual([v.artifact.repairedContent!.length, v.repairedOmitted], [TEXT_SHOWN, 1]);
    assert.deepEqual([v.artifact.reasoning.length, v.reasoningOmitted, v.reasoningChars], [TEXT_SHOWN, 2 * HALF + 12 - TEXT_SHOWN, 2 * HALF + 12]);
    const c = v.choices[0]!;
    assert.deepEqual([c.shownRaw.length, c.omittedChars, c.rawChars, c.reasoning, c.reasoningOmitted, c.reasoningChars], [RAW_SHOWN, 2 * HALF + 100 - RAW_SHOWN, 2 * HALF + 100, 'xxxx', 12, 16]);
  });

  it('bounds what goes into the webview for a 10 MB artifact', () => {
    const a = makeArtifact(3, 10 * 1024 * 1024);
    a.reasoning = 'r'.repeat(3 * TEXT_SHOWN);
    a.repairs = Array.from({ length: 5000 }, (_, i) => ({ ...a.repairs[0]!, offset: i }));
    const v = inspectorView(a);
    assert.equal(v.shownRaw, a.rawContent.slice(0, RAW_SHOWN));
    assert.equal(v.omittedChars, 10 * 1024 * 1024 - RAW_SHOWN);
    assert.equal(v.artifact.rawContent, '');
    assert.equal(v.artifact.repairedContent!.length, TEXT_SHOWN);
    assert.equal(v.artifact.reasoning.length, TEXT_SHOWN);
    assert.equal(v.marks.length, 2000);
    assert.equal(v.artifact.repairs.length, 2000);
    assert.ok(JSON.stringify(v).length < 1_000_000, `${JSON.stringify(v).length} characters posted`);
  });
});
