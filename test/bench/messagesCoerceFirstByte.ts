/**
 * Messages streaming with `x-streamfix-schema: coerce`: when each tool_use input reaches the client
 * (`node --import tsx test/bench/messagesCoerceFirstByte.ts`). A daemon in this process and a scripted
 * upstream at a model's pace (one piece every PACE_MS): text, then three calls of ~300 characters of
 * arguments in 30 pieces each, then the finish. The client reads the raw SSE and times its events from the
 * request's start. Per call (now) each input goes out in the read that ended its value; per message
 * (before) every input waited for the upstream's finish: the same code with the per-call release turned
 * off (MessageTranslator's releaseWhole, replaced in this process for those runs), the two alternating.
 * The inputs are checked (coerced) before the figures count.
 */
import { strictEqual } from 'node:assert';
import { request } from 'undici';
import { MessageTranslator } from '../../server/anthropic/translate';
import { startTestDaemon } from '../server/helpers/gateway';
import { chunk, sse, TestUpstream } from '../server/helpers/testUpstream';

const PACE_MS = 5;
const PIECES = 30;
const RUNS = 20;
const proto = MessageTranslator.prototype as unknown as { releaseWhole(): void };
const perCall = proto.releaseWhole;
const perMessage = (): void => undefined;
const SCHEMA = { type: 'object', properties: { id: { type: 'integer' }, path: { type: 'string' }, note: { type: 'string' } } };
const TOOLS = ['a', 'b', 'c'].map((name) => ({ name: `save_${name}`, input_schema: SCHEMA }));

function args(i: number): string {
  return JSON.stringify({ id: String(40 + i), path: `src/module_${i}/file_${i}.ts`, note: `call ${i}: ${'the model writes this note a word at a time '.repeat(5).trim()}` });
}

function body(): string[] {
  const out = [sse(chunk({ role: 'assistant', content: 'Saving.' }))];
  for (let i = 0; i < 3; i++) {
    const a = args(i);
    const step = Math.ceil(a.length / PIECES);
    for (let k = 0; k < a.length; k += step) {
      const piece = a.slice(k, k + step);
      out.push(sse(chunk({ tool_calls: [k === 0 ? { index: i, id: `call_${i}`, type: 'function', function: { name: TOOLS[i]!.name, arguments: piece } } : { index: i, function: { arguments: piece } }] })));
    }
  }
  out.push(sse(chunk({}, 'tool_calls'), '[DONE]'));
  return out;
}

function median(x: number[]): number {
  return [...x].sort((a, b) => a - b)[x.length >> 1]!;
}

async function main(): Promise<void> {
  const up = await TestUpstream.start();
  const d = await startTestDaemon({ upstream: up.url, apiKey: 'sk-test' });
  const pieces = body();
  up.always({ chunks: pieces, gapMs: PACE_MS });
  const times: Record<'call' | 'message', number[][]> = { call: [[], [], [], []], message: [[], [], [], []] };
  try {
    for (let run = 0; run < 2 * (RUNS + 2); run++) {
      const mode = run % 2 === 0 ? 'call' : 'message';
      proto.releaseWhole = mode === 'call' ? perCall : perMessage;
      const t0 = performance.now();
      const r = await request(`${d.info.url}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-streamfix-schema': 'coerce' },
        body: JSON.stringify({ model: 'test/bench', max_tokens: 2000, stream: true, tools: TOOLS, messages: [{ role: 'user', content: 'save' }] }),
      });
      const at: number[] = [];
      const inputs: string[] = [];
      let buf = '';
      for await (const c of r.body) {
        buf += (c as Buffer).toString('utf8');
        const now = performance.now() - t0;
        let end: number;
        while ((end = buf.indexOf('\n\n')) >= 0) {
          const ev = buf.slice(0, end);
          buf = buf.slice(end + 2);
          const data = ev.split('\n').find((l) => l.startsWith('data: '));
          if (!data) continue;
          const e = JSON.parse(data.slice(6)) as { type: string; delta?: { type: string; partial_json?: string } };
          if (e.delta?.type === 'input_json_delta') {
            at.push(now);
            inputs.push(e.delta.partial_json!);
          } else if (e.type === 'message_delta') at.push(now);
        }
      }
      // each input whole and coerced ("40" -> 40), in one delta
      strictEqual(inputs.length, 3);
      inputs.forEach((x, i) => strictEqual(x, args(i).replace(`"${40 + i}"`, String(40 + i))));
      if (run >= 4) at.forEach((t, i) => times[mode][i]!.push(t));
    }
  } finally {
    await d.close();
    await up.close();
  }
  proto.releaseWhole = perCall;
  console.log(`Messages, coerce, 3 calls of ~${args(0).length} characters in ~${PIECES} pieces at ${PACE_MS} ms a piece (${pieces.length} upstream events), median of ${RUNS} runs each, alternating; ms from the request:`);
  for (const mode of ['call', 'message'] as const) {
    const [c0, c1, c2, end] = times[mode].map(median) as [number, number, number, number];
    console.log(`  per ${mode.padEnd(7)}: call 0's input at ${c0.toFixed(0)}, call 1's at ${c1.toFixed(0)}, call 2's at ${c2.toFixed(0)}; message_delta at ${end.toFixed(0)}`);
  }
  const first = (mode: 'call' | 'message') => median(times[mode][0]!);
  console.log(`  first input byte: ${first('message').toFixed(0)} -> ${first('call').toFixed(0)} ms (${(first('message') - first('call')).toFixed(0)} ms earlier)`);
}

void main();
