/**
 * Non-streaming responses: the whole `chat.completion` body is rewritten at once with the same rules as
 * the stream (content per mode, reasoning to `message.reasoning`, tool-call arguments repaired).
 */
import { createStreamRepairer, splitReasoning, StreamFixError } from '../../shared/engine';
import type { RepairOptions, RepairResult, Stripped } from '../../shared/engine';
import type { AppliedMode, ToolCallArtifact } from '../../shared/protocol';
import { decideAuto, type AutoDecision } from './autoMode';
import { repairToolCallsOnce } from './toolCalls';

type Json = Record<string, unknown>;

export interface CompletionOutcome {
  rawContent: string;
  sentContent: string;
  /** Reasoning fields plus reasoning moved out of the content. */
  reasoning: string;
  movedReasoning: string;
  result: RepairResult | null;
  stripped: Stripped[];
  toolCalls: ToolCallArtifact[];
  finishReason: string | null;
  usage: unknown;
  /** auto decided by the answer (choice 0): the mode applied and why. */
  decided: AutoDecision | null;
  /** The choices after the first (`n > 1`), as far as the schema check needs them. */
  others: OtherChoice[];
}

/** A choice after the first: its content before and after the rewrite, and its tool calls. */
export interface OtherChoice {
  index: number;
  /** Where it is in `body.choices`. */
  position: number;
  mode: AppliedMode;
  raw: string;
  sent: string;
  result: RepairResult | null;
  stripped: Stripped[];
  toolCalls: ToolCallArtifact[];
  /** Its finish_reason (a tool call cut at the token limit is one the reject policy refuses). */
  finishReason: string | null;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `repairJson`, plus the reasoning text the engine took out (without its tags): the same stream
 * repairer the streaming path runs, pushed the whole text at once. */
function repairWithReasoning(raw: string, engine: RepairOptions): { result: RepairResult; reasoning: string } {
  const r = createStreamRepairer(engine);
  let reasoning = '';
  try {
    reasoning = r.push(raw).reasoning;
  } catch (e) {
    // a limit: end() reports it as FAILED with the error
    if (!(e instanceof StreamFixError)) throw e;
  }
  const { final: _final, reasoning: atEnd, ...result } = r.end();
  return { result, reasoning: reasoning + atEnd };
}

/** Rewrites `body` in place (all choices); returns what choice 0 looked like before and after. */
export function rewriteCompletion(body: Json, requested: AppliedMode, engine: RepairOptions = {}, auto = false): CompletionOutcome {
  const outcome: CompletionOutcome = {
    rawContent: '',
    sentContent: '',
    reasoning: '',
    movedReasoning: '',
    result: null,
    stripped: [],
    toolCalls: [],
    finishReason: null,
    usage: body.usage ?? null,
    decided: null,
    others: [],
  };
  const choices = Array.isArray(body.choices) ? body.choices : [];
  choices.forEach((ch: unknown, i: number) => {
    if (!isObject(ch) || !isObject(ch.message)) return;
    const msg = ch.message;
    const raw = typeof msg.content === 'string' ? msg.content : '';
    // auto without response_format: the answer's first characters decide, as in the stream
    const decided = auto ? decideAuto(raw) : null;
    const mode = decided ? decided.mode : requested;
    if (i === 0) outcome.decided = decided;
    let sent = raw;
    let moved = '';
    let result: RepairResult | null = null;
    let stripped: Stripped[] = [];
    if (mode === 'repair' && raw !== '') {
      ({ result, reasoning: moved } = repairWithReasoning(raw, engine));
      stripped = result.stripped;
      // no JSON at all: the text as sent (reasoning removed) rather than nothing; status says FAILED
      sent = result.json ?? splitReasoning(raw).content;
    } else if (mode === 'strip' && raw !== '') {
      const s = splitReasoning(raw);
      sent = s.content;
      moved = s.reasoning;
      stripped = s.stripped;
    }
    if (mode !== 'passthrough') {
      if (typeof msg.content === 'string') msg.content = sent;
      if (moved) msg.reasoning = (typeof msg.reasoning === 'string' ? msg.reasoning : '') + moved;
    }
    const toolCalls = repairToolCallsOnce(msg.tool_calls, mode !== 'passthrough', engine);
    if (i > 0) outcome.others.push({ index: typeof ch.index === 'number' ? ch.index : i, position: i, mode, raw, sent, result, stripped, toolCalls, finishReason: typeof ch.finish_reason === 'string' ? ch.finish_reason : null });
    if (i === 0) {
      const fields = typeof msg.reasoning === 'string' ? msg.reasoning : typeof msg.reasoning_content === 'string' ? msg.reasoning_content : '';
      outcome.rawContent = raw;
      outcome.sentContent = sent;
      outcome.movedReasoning = moved;
      // after the rewrite msg.reasoning already ends with the moved text
      outcome.reasoning = mode !== 'passthrough' ? fields : fields + moved;
      outcome.result = result;
      outcome.stripped = stripped;
      outcome.toolCalls = toolCalls;
      outcome.finishReason = typeof ch.finish_reason === 'string' ? ch.finish_reason : null;
    }
  });
  return outcome;
}
