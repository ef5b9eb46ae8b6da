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

/** One choice of the body before and after its rewrite. */
export interface ChoiceRewrite {
  /** Its `index` (its place in `body.choices` when it has none). */
  index: number;
  /** Where it is in `body.choices`. */
  position: number;
  mode: AppliedMode;
  /** auto decided by this choice's answer: the mode applied and why. */
  decided: AutoDecision | null;
  raw: string;
  sent: string;
  /** Its reasoning fields plus reasoning moved out of its content. */
  reasoning: string;
  movedReasoning: string;
  result: RepairResult | null;
  stripped: Stripped[];
  toolCalls: ToolCallArtifact[];
  /** Its finish_reason (a tool call cut at the token limit is one the reject policy refuses). */
  finishReason: string | null;
}

/** A choice other than choice 0 (`n > 1`). */
export type OtherChoice = ChoiceRewrite;

export interface CompletionOutcome {
  /** Choice 0 (the entry whose `index` is 0, wherever it is in the list): its texts before and after. */
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
  /** Where choice 0 is in `body.choices` (null: there is none). */
  position: number | null;
  /** The other choices (`n > 1`), by index. */
  others: OtherChoice[];
  /** Choices left as they came, unread: an `index` that is not a non-negative integer, or one an earlier
   * choice has (matching them to a choice would mislabel one, as a bad tool-call index would merge two
   * calls); each described for the artifact's error. */
  malformed: string[];
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `repairJson`, plus the reasoning text the engine took out (without its tags): the same stream
 * repairer the streaming path runs, pushed the whole text at once. The whole answer is here before
 * anything is sent, so a value the text corrects later is replaced by its correction (takeCorrections;
 * a stream can only record it). */
function repairWithReasoning(raw: string, engine: RepairOptions): { result: RepairResult; reasoning: string } {
  const r = createStreamRepairer({ ...engine, takeCorrections: true });
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

/** A choice's index as the stream reads it (streamRewrite.ts choiceIndexOf): its `index` when that is a
 * non-negative integer, its place in the list when it has none, null when it has another value. */
export function choiceIndexOf(ch: Json, position: number): number | null {
  if (!('index' in ch) || ch.index === undefined) return position;
  return isIndex(ch.index) ? ch.index : null;
}

/** A choice or tool-call index as the chat API defines it: a non-negative integer (not "0", 1.5, -1). */
export function isIndex(v: unknown): v is number {
  return Number.isInteger(v) && (v as number) >= 0;
}

/** Rewrites one choice's message in place (unless passthrough); what it was before and after. */
function rewriteChoice(ch: Json, msg: Json, index: number, position: number, requested: AppliedMode, engine: RepairOptions, auto: boolean): ChoiceRewrite {
  const raw = typeof msg.content === 'string' ? msg.content : '';
  // auto without response_format: the answer's first characters decide, as in the stream
  const decided = auto ? decideAuto(raw) : null;
  const mode = decided ? decided.mode : requested;
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
  const fields = typeof msg.reasoning === 'string' ? msg.reasoning : typeof msg.reasoning_content === 'string' ? msg.reasoning_content : '';
  return {
    index,
    position,
    mode,
    decided,
    raw,
    sent,
    // after the rewrite msg.reasoning already ends with the moved text
    reasoning: mode !== 'passthrough' ? fields : fields + moved,
    movedReasoning: moved,
    result,
    stripped,
    toolCalls,
    finishReason: typeof ch.finish_reason === 'string' ? ch.finish_reason : null,
  };
}

/** Rewrites `body` in place (all choices); returns what each choice looked like before and after, choice 0
 * (by its `index`, not its place in the list) in the outcome's own fields. */
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
    position: null,
    others: [],
    malformed: [],
  };
  const choices = Array.isArray(body.choices) ? body.choices : [];
  const seen = new Set<number>();
  choices.forEach((ch: unknown, position: number) => {
    if (!isObject(ch) || !isObject(ch.message)) return;
    const index = choiceIndexOf(ch, position);
    if (index === null || seen.has(index)) {
      outcome.malformed.push(`choices[${position}] has index ${JSON.stringify(ch.index)?.slice(0, 40) ?? 'undefined'}${index === null ? '' : ', as an earlier choice'}`);
      return;
    }
    seen.add(index);
    const c = rewriteChoice(ch, ch.message, index, position, requested, engine, auto);
    if (index !== 0) {
      outcome.others.push(c);
      return;
    }
    outcome.position = position;
    outcome.decided = c.decided;
    outcome.rawContent = c.raw;
    outcome.sentContent = c.sent;
    outcome.movedReasoning = c.movedReasoning;
    outcome.reasoning = c.reasoning;
    outcome.result = c.result;
    outcome.stripped = c.stripped;
    outcome.toolCalls = c.toolCalls;
    outcome.finishReason = c.finishReason;
  });
  outcome.others.sort((a, b) => a.index - b.index);
  return outcome;
}
