/**
 * The truncated-tool-call policy: what the gateway does with a tool call whose arguments were cut (the
 * upstream stopped inside them: record.ts cutCalls). `close` (the default) sends them closed by the
 * engine and flags them (artifact, `finished` event, x-streamfix-truncated-tool-calls); `reject` never
 * delivers the invented closure: the answer ends with an error naming the cut calls instead (chat.ts,
 * streamRewrite.ts; the Messages API in server/anthropic/). An agent that executes a call whose
 * arguments were cut at max_tokens writes half a file; `reject` makes the client see an error.
 */
import { DEFAULT_TRUNCATED_TOOLS, TRUNCATED_TOOL_POLICIES, type TruncatedToolPolicy } from '../../shared/config';
import type { ToolCallArtifact, TruncatedToolCallRef } from '../../shared/protocol';
import { headerChoice } from './errors';
import { cutCalls } from './record';

export { DEFAULT_TRUNCATED_TOOLS, TRUNCATED_TOOL_POLICIES, type TruncatedToolPolicy };

/** The request header that picks the policy per request (else the daemon's --truncated-tools). */
export const TRUNCATED_POLICY_HEADER = 'x-streamfix-truncated-tools';

/** The error code of a rejection, in the error chunk or body and in the artifact's errors. */
export const TRUNCATED_CODE = 'truncated_tool_call';

/** A rejected answer goes to a client that should not send it again as it is: the same request stops
 * at the same token limit. The openai and Anthropic SDKs honour this header over their retry rules. */
export const NO_RETRY_HEADERS = { 'x-should-retry': 'false' } as const;

/** One cut call as the rejection names it. */
export interface CutCall {
  index: number;
  id: string | null;
  name: string | null;
  /** UTF-8 bytes of arguments received before the upstream stopped. */
  bytes: number;
  /** The choice it belongs to, when not the first (`n > 1`). */
  choice?: number;
}

/** The request's choice: the header, else the daemon's default. A value that is neither is a 400. */
export function truncatedToolPolicy(header: string | string[] | undefined, fallback: TruncatedToolPolicy): TruncatedToolPolicy {
  return headerChoice(header, TRUNCATED_POLICY_HEADER, TRUNCATED_TOOL_POLICIES, fallback);
}

/** The cut calls of one choice (cutCalls' rule), with what the rejection says of each; empty when none.
 * `choice` is given for the choices after the first. `bytesOf` counts a streamed call's arguments as they
 * passed (its `rawArguments` is a bounded copy); a whole answer's are whole. */
export function cutCallsOf(toolCalls: ToolCallArtifact[], finishReason: string | null, choice?: number, bytesOf?: (index: number) => number): CutCall[] {
  const cut = cutCalls({ toolCalls, finishReason });
  return toolCalls
    .filter((t) => cut.includes(t.index))
    .map((t) => ({ index: t.index, id: t.id ?? null, name: t.name ?? null, bytes: bytesOf ? bytesOf(t.index) : Buffer.byteLength(t.rawArguments), ...(choice !== undefined ? { choice } : {}) }));
}

/** Cut calls as the artifact lists them (TruncatedToolCallRef): the first choice's by index. */
export function cutRefs(cut: CutCall[]): TruncatedToolCallRef[] {
  return cut.map((c) => (c.choice !== undefined ? { choice: c.choice, index: c.index } : c.index));
}

/**
 * The x-streamfix-truncated-tool-calls value of cut calls (a rejection's CutCalls, or an artifact's
 * list): the first choice's call indexes, `choice:index` for later choices.
 * @example cutHeaderValue([1, { choice: 2, index: 0 }]) === '1,2:0'
 */
export function cutHeaderValue(cut: readonly (TruncatedToolCallRef | CutCall)[]): string {
  return cut.map((c) => (typeof c === 'number' ? String(c) : c.choice !== undefined ? `${c.choice}:${c.index}` : String(c.index))).join(',');
}

/**
 * The rejection's message.
 * @example rejectionMessage([{ index: 0, id: 'call_1', name: 'write_file', bytes: 12 }]) ===
 *   'Tool call 0 (id call_1, function write_file) was cut after 12 bytes of arguments: the upstream stopped inside them. x-streamfix-truncated-tools: reject withholds arguments the gateway would have to close itself; raise max_tokens and send the request again.'
 */
export function rejectionMessage(cut: CutCall[]): string {
  return `${cutCallsText(cut)}: the upstream stopped inside them. ${TRUNCATED_POLICY_HEADER}: reject withholds arguments the gateway would have to close itself; raise max_tokens and send the request again.`;
}

/** "Tool call 0 (id call_1, function write_file) was cut after 12 bytes of arguments" (or "Tool calls … were"). */
function cutCallsText(cut: CutCall[]): string {
  const one = (c: CutCall) => `${c.index} (id ${c.id ?? 'none'}, function ${c.name ?? 'unnamed'}${c.choice !== undefined ? `, choice ${c.choice}` : ''})`;
  const bytes = cut.map((c) => c.bytes).join(', ');
  return cut.length === 1 ? `Tool call ${one(cut[0]!)} was cut after ${bytes} bytes of arguments` : `Tool calls ${cut.map(one).join(', ')} were cut after ${bytes} bytes of arguments`;
}

/**
 * A rejection whose calls an upstream FAILURE cut (an error event, a lost connection, `finish_reason:
 * "error"`), not the token limit: the failure is the cause the client is told first (its own message), then
 * the calls withheld. "raise max_tokens" would be wrong advice here: the same request may well succeed.
 * @example failureRejectionMessage('Provider returned error', [{ index: 0, id: 'call_1', name: 'write_file', bytes: 12 }]) ===
 *   'Provider returned error. Tool call 0 (id call_1, function write_file) was cut after 12 bytes of arguments: the upstream failed inside them. x-streamfix-truncated-tools: reject withholds arguments the gateway would have to close itself.'
 */
export function failureRejectionMessage(cause: string, cut: CutCall[]): string {
  return `${cause.replace(/[\s.]+$/, '')}. ${cutCallsText(cut)}: the upstream failed inside them. ${TRUNCATED_POLICY_HEADER}: reject withholds arguments the gateway would have to close itself.`;
}

/** The error chunk (or body) of calls an upstream failure cut, under reject: the upstream's own error object
 * (its code and other fields as it sent them; `message` naming also the withheld calls) with the
 * rejection's `truncated_tool_calls`. A failure with no error object of the upstream's (a lost connection,
 * `finish_reason: "error"`) is described by the gateway's `{ message, type, code }`. */
export function failureRejectionBody(error: Record<string, unknown>, cut: CutCall[]): { error: Record<string, unknown> } {
  const cause = typeof error.message === 'string' ? error.message : JSON.stringify(error);
  return { error: { ...error, message: failureRejectionMessage(cause, cut), truncated_tool_calls: cut } };
}

/** The artifact's error code for a choice the upstream ended with `finish_reason: "error"` and no error
 * object (OpenRouter's finish reason for a generation that failed). */
export const FINISH_ERROR_CODE = 'finish_reason_error';

/** The error of choices the upstream ended with `finish_reason: "error"` and no error object. */
export function finishedInErrorMessage(indexes: number[]): string {
  const which = indexes.length === 1 ? `choice ${indexes[0]}` : `choices ${indexes.join(', ')}`;
  return `The upstream ended ${which} with finish_reason "error" and no error object: the answer did not complete`;
}

/** The failure that cut `cut` when the upstream ended a cut call's choice with `finish_reason: "error"` and
 * no error object (`finishReasonOf`: a choice's finish reason), as failureRejectionBody names it; null when
 * none did (the token limit cut them). */
export function finishErrorCause(cut: CutCall[], finishReasonOf: (choice: number) => string | null | undefined): Record<string, unknown> | null {
  const errored = [...new Set(cut.map((c) => c.choice ?? 0))].filter((k) => finishReasonOf(k) === 'error').sort((a, b) => a - b);
  return errored.length === 0 ? null : { message: finishedInErrorMessage(errored), type: 'upstream_error', code: FINISH_ERROR_CODE };
}

/** The OpenAI-shaped error of a rejection: in the error chunk of a stream and the 502 body otherwise. */
export function rejectionBody(cut: CutCall[]): { error: { message: string; type: string; code: string; truncated_tool_calls: CutCall[] } } {
  return { error: { message: rejectionMessage(cut), type: 'upstream_error', code: TRUNCATED_CODE, truncated_tool_calls: cut } };
}
