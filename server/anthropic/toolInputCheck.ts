/**
 * A tool_use input is a JSON object (Anthropic's API never gives anything else, and the Anthropic SDKs
 * rely on it: `messages.stream()` threw `Unexpected end of JSON input` on an input of `42` and the client
 * lost the whole message). A tool call whose arguments are another JSON value (`42`, `"str"`, `[1, 2]`,
 * `null`) or no JSON at all (`ls -la`) is not delivered as a tool_use, and not replaced with `{}` either:
 * the message ends with an error naming the call and what came (translate.ts decides it on the first
 * significant character the engine writes for the call: `{` streams, anything else waits for the end).
 * Empty arguments (nothing, or only whitespace) are the chat API's call of a tool without parameters:
 * they stay `{}`.
 */

/** One call refused: what the error event and the 502 body name, and the artifact's reason. */
export interface InvalidToolInput {
  index: number;
  id: string | null;
  name: string | null;
  /** What the arguments held: `a number`, `a string`, `an array`, `null`, `a boolean`, `no JSON`. */
  got: string;
  /** The arguments as received, their first ARGUMENTS_SHOWN characters. */
  arguments: string;
}

/** Characters of the arguments the error shows (the artifact keeps them all, bounded as usual). */
export const ARGUMENTS_SHOWN = 200;

/** The error code of the refusal, in the artifact's errors. */
export const INVALID_INPUT_CODE = 'tool_input_not_object';

/** What a JSON value starting with `first` is (the engine's output, so valid JSON); `null`: no JSON. */
export function kindOf(first: string | null): string {
  switch (first) {
    case '{':
      return 'an object';
    case '[':
      return 'an array';
    case '"':
      return 'a string';
    case 'n':
      return 'null';
    case 't':
    case 'f':
      return 'a boolean';
    case null:
      return 'no JSON';
    default:
      return 'a number';
  }
}

/** The reason one call was refused, as the artifact records it. */
export function invalidReason(c: InvalidToolInput): string {
  return `tool_use input must be a JSON object; the arguments held ${c.got}: ${JSON.stringify(c.arguments)}`;
}

/**
 * The message of the refusal.
 * @example invalidInputMessage([{ index: 0, id: 'call_1', name: 'run', got: 'a number', arguments: '42' }]) ===
 *   'Tool call 0 (id call_1, function run): tool_use input must be a JSON object; the arguments held a number: "42". The message is not delivered (StreamFix never replaces arguments with {}); send the request again.'
 */
export function invalidInputMessage(calls: InvalidToolInput[]): string {
  const one = (c: InvalidToolInput) => `Tool call ${c.index} (id ${c.id ?? 'none'}, function ${c.name ?? 'unnamed'}): ${invalidReason(c)}`;
  return `${calls.map(one).join('. ')}. The message is not delivered (StreamFix never replaces arguments with {}); send the request again.`;
}

/** The error of the refusal: in the stream's `error` event and in the 502 body. */
export function invalidInputError(calls: InvalidToolInput[]): { type: 'api_error'; message: string; invalid_tool_calls: InvalidToolInput[] } {
  return { type: 'api_error', message: invalidInputMessage(calls), invalid_tool_calls: calls };
}

/**
 * A tool call whose name grew after its tool_use block started (`get_`, its `{"city": …`, then `weather`):
 * the block went out named `sent` and cannot be renamed, so the client would run another tool (or one that
 * does not exist) with this one's input. Streaming, the message ends with an error naming it; not
 * streaming, the block is named whole (messages.ts). No provider seen sends a name piece so late.
 */
export interface RenamedToolCall {
  index: number;
  id: string | null;
  /** The name the block went out with. */
  sent: string;
  /** The whole name. */
  name: string;
}

/** The error code of a renamed call, in the artifact's errors. */
export const RENAMED_CODE = 'tool_name_after_start';

/** The reason one call was refused, as the artifact records it. */
export function renamedReason(c: RenamedToolCall): string {
  return `a piece of its name came after its tool_use block started: the block is named ${JSON.stringify(c.sent)}, the whole name is ${JSON.stringify(c.name)}`;
}

/**
 * @example renamedMessage([{ index: 0, id: 'call_a', sent: 'get_', name: 'get_weather' }]) ===
 *   'Tool call 0 (id call_a): a piece of its name came after its tool_use block started: the block is named "get_", the whole name is "get_weather". The message is not delivered (the block cannot be renamed, and a client would run another tool with its input); send the request again.'
 */
export function renamedMessage(calls: RenamedToolCall[]): string {
  const one = (c: RenamedToolCall) => `Tool call ${c.index} (id ${c.id ?? 'none'}): ${renamedReason(c)}`;
  return `${calls.map(one).join('. ')}. The message is not delivered (the block cannot be renamed, and a client would run another tool with its input); send the request again.`;
}

/** The error event of a streamed message with renamed calls. */
export function renamedError(calls: RenamedToolCall[]): { type: 'api_error'; message: string; renamed_tool_calls: RenamedToolCall[] } {
  return { type: 'api_error', message: renamedMessage(calls), renamed_tool_calls: calls };
}
