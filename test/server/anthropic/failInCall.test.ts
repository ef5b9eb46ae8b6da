/**
 * An upstream that fails while tool calls stream: the artifact's calls say what the client got. A call
 * delivered whole (its block stopped) is REPAIRED with its repairs; the call the failure cut is TRUNCATED
 * with the input as sent (no closers) and its repairs refused (its block never stopped, as a call refused
 * for cut arguments). Before, every
 * call was PASSTHROUGH with its raw arguments (`{file_path: '/a'}`), a check that never ran and text the
 * client never got (it got `{"file_path": "/a"}`), and no repair was recorded.
 */
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import type { Artifact } from '../../../shared/protocol';
import { useTestGateway } from '../helpers/testGateway';
import { chunk, sse } from '../helpers/testUpstream';

const tc = (index: number, id: string, name: string, args: string) => chunk({ tool_calls: [{ index, id, type: 'function', function: { name, arguments: args } }] });
const BODY =
  sse(chunk({ role: 'assistant', content: '' }), tc(0, 'toolu_01', 'Read', "{file_path: '/a'}"), tc(1, 'toolu_02', 'Write', "{file_path: '/b', content: 'hel")) +
  `data: ${JSON.stringify({ error: { message: 'provider died', code: 502 } })}\n\n`;

describe('messages: an upstream failure inside a tool call leaves an artifact that matches what the client got', () => {
  // six failures in a row: the breaker stays closed for them
  const { up, d } = useTestGateway({ breaker: { failures: 100, windowMs: 60_000, cooldownMs: 30_000, failedRate: null } });
  const kinds = (rs: { kind: string }[] | undefined) => rs?.map((r) => r.kind);

  for (const mode of ['repair', 'strip', 'auto']) {
    it(`${mode}, streamed and not: call 0 REPAIRED, call 1 TRUNCATED with its repairs refused`, async () => {
      const client = new Anthropic({ baseURL: `http://127.0.0.1:${d.info.port}`, apiKey: 'any', maxRetries: 0, defaultHeaders: { 'x-streamfix-mode': mode } });
      const req = { model: 'x/model', max_tokens: 50, messages: [{ role: 'user' as const, content: 'edit' }] };
      for (const stream of [true, false]) {
        up.enqueue({ chunks: [BODY] });
        const inputs: string[] = [];
        const err = await (async () => {
          if (!stream) return client.messages.create(req);
          const s = client.messages.stream(req);
          s.on('streamEvent', (e) => {
            if (e.type === 'content_block_delta' && e.delta.type === 'input_json_delta') inputs.push(`${e.index}:${e.delta.partial_json}`);
          });
          return s.finalMessage();
        })().then(
          () => null,
          (e: unknown) => e,
        );
        assert.ok(err instanceof Anthropic.APIError, `stream ${stream}`);
        assert.equal((err.error as { error: { type: string } }).error.type, 'overloaded_error');
        if (stream) assert.deepEqual(inputs, ['0:{"file_path": "/a"}', '1:{"file_path": "/b", "content": "hel']);
        const list = (await (await fetch(`${d.info.url}/streamfix/results?limit=1`)).json()) as { data: { id: string }[] };
        const a = (await (await fetch(`${d.info.url}/streamfix/result/${list.data[0]!.id}`)).json()) as Artifact;
        // the upstream's own code (before: upstream_error here, 502 on the chat endpoint)
        assert.deepEqual([a.status, a.errors.map((e) => e.code)], ['UPSTREAM_ERROR', ['502']]);
        assert.deepEqual(
          a.toolCalls.map((t) => [t.index, t.status, t.repairedArguments, kinds(t.repairs), kinds(t.refusedRepairs)]),
          [
            // not streaming nothing went out: every repair refused
            [0, 'REPAIRED', '{"file_path": "/a"}', stream ? ['unquoted_key', 'single_quotes', 'single_quotes'] : [], stream ? undefined : ['unquoted_key', 'single_quotes', 'single_quotes']],
            // as it went out: no closers (before, the closed `…"hel"}` the client never got, with their repairs)
            [1, 'TRUNCATED', '{"file_path": "/b", "content": "hel', [], ['unquoted_key', 'single_quotes', 'single_quotes', 'unquoted_key', 'single_quotes']],
          ],
          `${mode}, stream ${stream}`,
        );
        assert.deepEqual(a.truncatedToolCalls, [1]);
      }
    });
  }
});
