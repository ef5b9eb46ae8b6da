/**
 * Tool input through the engine: for every defect class, and for every truncation of each input, the
 * input_json_delta pieces are only appended and their concatenation at the block's stop parses and is
 * exactly the engine's JSON for the whole (cut) input; `{}` when the arguments are empty. Arguments whose
 * JSON is not an object, or that hold no JSON, start no block: the message ends with the error event.
 */
import { strict as assert } from 'node:assert';
import { repairJson } from '../../../shared/engine';
import { invalidInputError, kindOf } from '../../../server/anthropic/toolInputCheck';
import type { AnthropicEvent } from '../../../server/anthropic/translate';
import { checkGrammar, translate } from './helpers';

const DEFECTS: Record<string, string> = {
  valid: '{"path": "src/a.ts", "lines": [1, 2]}',
  'trailing comma': '{"path": "src/a.ts", "lines": [1, 2,],}',
  'missing comma': '{"path": "src/a.ts" "recursive": true}',
  'unquoted keys': '{path: "src/a.ts", recursive: true}',
  'single quotes': "{'command': 'ls -la', 'timeout': 30}",
  'smart quotes': '{“command”: “echo hi”}',
  'python literals': '{"force": True, "dry_run": False, "owner": None}',
  comments: '{"cmd": "make" /* build */, // run it\n "cwd": "."}',
  'raw newline in a string': '{"content": "line one\nline two"}',
  'invalid escape': '{"pattern": "\\d+\\.ts"}',
  'wrapped in a fence': '```json\n{"file": "x.md"}\n```',
  'prose around it': 'Sure: {"query": "café", "limit": 3} done',
  'stray closing bracket': '{"a": [1, 2]]}',
  'no JSON at all': 'I will not call this tool',
  empty: '',
};

/** An upstream stream with one tool call whose arguments arrive in `size`-character pieces. */
function toolStream(args: string, size: number, finish: string): string {
  const ev = (delta: unknown, f: string | null = null) => `data: ${JSON.stringify({ choices: [{ index: 0, delta, finish_reason: f }] })}\n\n`;
  let s = ev({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'run', arguments: '' } }] });
  for (let i = 0; i < args.length; i += size) s += ev({ tool_calls: [{ index: 0, function: { arguments: args.slice(i, i + size) } }] });
  return s + ev({}, finish) + 'data: [DONE]\n\n';
}

/** The events of a call refused (toolInputCheck.ts): message_start, no block, the error event. */
function refused(args: string, events: AnthropicEvent[]): void {
  const json = repairJson(args).json;
  const got = kindOf(json === null ? null : json[0]!);
  const error = invalidInputError([{ index: 0, id: 'call_1', name: 'run', got, arguments: args }]);
  assert.deepEqual(events.slice(1), [{ type: 'error', error }]);
}

function pieces(args: string, size: number, finish = 'tool_calls'): { pieces: string[]; stop: string } | null {
  const events = translate(toolStream(args, size, finish), []);
  checkGrammar(events);
  if (expected(args) === null) return void refused(args, events), null;
  const starts = events.filter((e) => e.type === 'content_block_start');
  assert.deepEqual(starts, [{ type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'call_1', name: 'run', input: {} } }]);
  const out = events.filter((e) => e.type === 'content_block_delta').map((e) => (e.delta as { type: string; partial_json: string }));
  assert.ok(out.every((d) => d.type === 'input_json_delta' && d.partial_json !== ''));
  const stop = (events.find((e) => e.type === 'message_delta')!.delta as { stop_reason: string }).stop_reason;
  return { pieces: out.map((d) => d.partial_json), stop };
}

/** The engine's JSON for the input; null when it is refused (not an object, or no JSON in non-empty text). */
function expected(args: string): string | null {
  const json = repairJson(args).json;
  if (json === null) return args.trim() === '' ? '{}' : null;
  return json.startsWith('{') ? json : null;
}

describe('messages: tool input through the engine', () => {
  for (const [name, args] of Object.entries(DEFECTS)) {
    it(`${name}: the pieces concatenate to the engine's JSON, in pieces of 1, 3 and 7 characters`, () => {
      for (const size of [1, 3, 7]) {
        const got = pieces(args, size);
        if (got === null) continue;
        const { pieces: p, stop } = got;
        const joined = p.join('');
        assert.equal(joined, expected(args), `pieces of ${size}`);
        JSON.parse(joined);
        assert.equal(stop, 'tool_use');
      }
    });
  }

  it('the engine output for the named classes is what they should be', () => {
    assert.equal(expected(DEFECTS['trailing comma']!), '{"path": "src/a.ts", "lines": [1, 2]}');
    assert.equal(expected(DEFECTS['unquoted keys']!), '{"path": "src/a.ts", "recursive": true}');
    assert.equal(expected(DEFECTS['python literals']!), '{"force": true, "dry_run": false, "owner": null}');
    assert.equal(expected(DEFECTS['no JSON at all']!), null);
    assert.equal(expected(DEFECTS.empty!), '{}');
  });

  for (const [name, args] of Object.entries(DEFECTS)) {
    if (args === '') continue;
    it(`${name}, cut at every offset (finish_reason length): valid JSON, the engine's value, stop_reason max_tokens`, () => {
      for (let cut = 0; cut <= args.length; cut++) {
        const input = args.slice(0, cut);
        const got = pieces(input, 4, 'length');
        if (got === null) continue;
        const { pieces: p, stop } = got;
        const joined = p.join('');
        assert.equal(joined, expected(input), `cut at ${cut}: ${JSON.stringify(input)}`);
        JSON.parse(joined);
        assert.equal(stop, 'max_tokens');
      }
    });
  }
});
