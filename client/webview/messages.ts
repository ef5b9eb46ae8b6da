/**
 * Every message between the extension and its webviews (StreamFix Chat, the artifact inspector), typed
 * once here: both the extension side and the webview scripts import these types. No `vscode` and no DOM
 * import, so both sides (and plain mocha) compile it.
 */
import type { AppliedMode, Artifact, ArtifactStatus, ToolCallArtifact } from '../../shared/protocol';
import type { TimelineChart } from '../timelineChart';

/** `schema`: JSON with a JSON Schema the user picked (response_format json_schema). */
export type ChatMode = 'answer' | 'json' | 'schema';

/** The JSON Schema file picked for the conversation: `label` its workspace-relative path, `uri` where it is. */
export interface ChatSchemaFile {
  label: string;
  uri: string;
}

/** The action that fixes an error shown in the conversation. */
export type FixAction = 'setKey' | 'restartDaemon' | 'retry';

export interface ChatError {
  message: string;
  actions: FixAction[];
}

/** One turn: the user's prompt (with the attached selection, if any) and the assistant's answer. */
export interface ChatTurn {
  id: number;
  prompt: string;
  /** The editor selection sent as context with this prompt. */
  context?: { file: string; text: string };
  model: string;
  mode: ChatMode;
  answer: string;
  reasoning: string;
  /** The model's refusal (OpenAI's `refusal` field), shown under the answer and sent back with it. */
  refusal?: string;
  state: 'streaming' | 'done' | 'stopped' | 'error';
  requestId?: string;
  /** The schema file a JSON Schema turn was asked with (its label). */
  schema?: string;
  /** "schema: valid", "schema: invalid — /age: must be integer (+1 more)", from the artifact (JSON Schema). */
  schemaResult?: string;
  /** "repaired: 2 trailing commas, 1 unquoted key", from the artifact's repairs (JSON mode). */
  badge?: string;
  status?: string;
  /** The upstream's finish reason when the answer did not simply end: "length" (cut at the token limit);
   * null when the upstream's stream ended without one (the gateway then ends it with "length": the
   * artifact keeps the upstream's null). Absent for an answer that ended with "stop" or "tool_calls". */
  finishReason?: string | null;
  /** The daemon keeps this turn's artifact in memory only (its response said x-streamfix-artifact:
   * memory-only): lost when the daemon restarts. */
  memoryOnly?: boolean;
  /** The tool calls the model made instead of (or beside) an answer, from the artifact. */
  toolCalls?: ChatToolCall[];
  error?: ChatError;
}

/** A tool call as the chat shows it, from the artifact: its arguments repaired (as sent when the check
 * did not repair them; a key the upstream echoed is redacted there); `cut`: the upstream stopped inside
 * them (the artifact's truncatedToolCalls), so the gateway closed them. */
export interface ChatToolCall {
  index: number;
  name: string | null;
  id: string | null;
  arguments: string;
  status: string;
  cut: boolean;
}

/** What the chat view shows; also what is kept in workspace state (streaming turns are saved as stopped). */
export interface ChatSnapshot {
  turns: ChatTurn[];
  model: string;
  mode: ChatMode;
  models: string[];
  /** Models in the list that cannot answer now, with why ("needs an OpenRouter API key"). */
  unavailable: Record<string, string>;
  attachSelection: boolean;
  /** The JSON Schema file of this conversation (JSON Schema mode); cleared by New. */
  schema?: ChatSchemaFile;
  /** JSON Schema mode sends `x-streamfix-schema: coerce` (else `report`). */
  coerce?: boolean;
}

export type ChatToWebview =
  | { type: 'snapshot'; snapshot: ChatSnapshot }
  | { type: 'delta'; turnId: number; content?: string; reasoning?: string; refusal?: string };

export type ChatFromWebview =
  | { type: 'ready' }
  | { type: 'send'; prompt: string }
  | { type: 'stop' }
  | { type: 'retry' }
  | { type: 'newConversation' }
  | { type: 'setModel'; model: string }
  | { type: 'setMode'; mode: ChatMode }
  | { type: 'setAttach'; attach: boolean }
  | { type: 'pickSchema' }
  | { type: 'setCoerce'; coerce: boolean }
  | { type: 'copy'; text: string }
  | { type: 'insert'; text: string }
  | { type: 'openArtifact'; id: string }
  | { type: 'fix'; action: FixAction };

/** One repair or stripped span placed in the raw content, for highlighting. */
export interface InspectorMark {
  kind: string;
  offset: number;
  length: number;
  label: string;
  replacement?: string;
  /** 'repair' or 'stripped'. */
  what: 'repair' | 'stripped';
}

/** A tool call as the inspector shows it: its arguments capped, and how many characters of the arguments
 * as the upstream sent them (and as repaired) are not shown and how many there were (the cap and the
 * artifact's cuts). */
export interface InspectorToolCall extends ToolCallArtifact {
  rawOmitted: number;
  rawChars: number;
  repairedOmitted: number;
  repairedChars: number;
}

export interface InspectorView {
  /** A bounded copy: rawContent empty (see shownRaw), long texts and lists capped. */
  artifact: Omit<Artifact, 'toolCalls'> & { toolCalls: InspectorToolCall[] };
  /** The raw content as shown (capped for large artifacts) and how much of what the upstream sent was left
   * out: the characters past the cap and those the artifact did not keep (its `cuts`). */
  shownRaw: string;
  omittedChars: number;
  /** The raw content's length as the upstream sent it (the artifact's copy plus its cuts). */
  rawChars: number;
  /** Characters of the repaired content and of the reasoning not shown (the cap and the artifact's cuts),
   * and the reasoning's whole length. */
  repairedOmitted: number;
  reasoningOmitted: number;
  reasoningChars: number;
  marks: InspectorMark[];
  modeReason: string;
  /** The artifact kept the request body, so it can be replayed and copied as curl. */
  replayable: boolean;
  /** The stream's timeline chart (per-read bars, stalls, content held); null when the artifact has no
   * timeline (not streamed, or recorded before artifacts kept one). */
  chart: TimelineChart | null;
  /** The tool calls the upstream cut (artifact truncatedToolCalls), in words with their choice
   * (truncatedCallsText); null when none. */
  truncatedCalls: string | null;
  /** The JSON Schema check in words (schemaText: valid, invalid with its first errors, or "schema check
   * could not run: …"); null when the request named no schema. */
  schema: string | null;
  /** Indexes of the first choice's cut calls (the artifact's tool calls are the first choice's). */
  cutToolCalls: number[];
  /** The choices after the first of an `n > 1` answer (the artifact's `choices`), bounded as the first
   * choice's texts are; empty for a one-choice answer. The page offers a selector between them. */
  choices: InspectorChoice[];
  /** Which choices the status covers, said after it, and whether choice 0's own verdict is shown
   * (inspectorView.ts statusScope). */
  statusScope: { text: string; choiceZero: boolean };
}

/** A choice after the first, as the inspector shows it: what the view holds for the first choice. */
export interface InspectorChoice {
  index: number;
  mode: AppliedMode;
  status: ArtifactStatus;
  finishReason: string | null;
  shownRaw: string;
  omittedChars: number;
  rawChars: number;
  marks: InspectorMark[];
  repairedContent: string | null;
  repairedOmitted: number;
  reasoning: string;
  reasoningOmitted: number;
  reasoningChars: number;
  toolCalls: InspectorToolCall[];
  /** Indexes of this choice's cut calls. */
  cutToolCalls: number[];
}

export type InspectorToWebview = { type: 'show'; view: InspectorView } | { type: 'notice'; text: string } | { type: 'busy'; busy: boolean };

export type InspectorAction = 'copyRepaired' | 'diff' | 'copyCurl' | 'replay';

/** `choice`: the choice the page shows (`n > 1` only; absent: a one-choice answer), whose repaired JSON
 * copyRepaired copies and whose raw vs repaired the diff opens. */
export type InspectorFromWebview = { type: 'ready' } | { type: 'action'; action: InspectorAction; choice?: number };
