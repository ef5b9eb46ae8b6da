/**
 * StreamFix Chat's JSON Schema mode, the parts with no `vscode` import (unit-tested under plain mocha): the
 * schema file read into a `response_format.json_schema`, the system message that asks for it, and the
 * answer's foot line from the artifact's schema check.
 *
 * @example schemaFile('schemas/person.schema.json', '{"type":"object"}') // -> { name: 'person', schema: { type: 'object' } }
 * @example schemaFootText({ valid: false, errors: [{ path: '/age', message: 'must be integer' }] }) === 'schema: invalid — /age: must be integer'
 */
import type { SchemaReport } from '../shared/protocol';
import type { ChatError } from './webview/messages';

/** What the chat sends as `response_format.json_schema` (no `strict`: OpenAI's strict mode refuses schemas
 * that leave a property optional or allow more properties, as most hand-written schemas do). */
export interface ChatJsonSchema {
  name: string;
  schema: Record<string, unknown>;
}

/** The `json_schema.name` for a file (OpenAI allows `[A-Za-z0-9_-]{1,64}`): its base name without
 * `.schema.json` / `.json`, other characters as `_`. */
export function schemaName(label: string): string {
  const base = label.split(/[\\/]/).at(-1)!.replace(/(\.schema)?\.json$/i, '');
  const name = base.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
  return name === '' ? 'schema' : name;
}

const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? 'a string' : typeof v === 'number' ? 'a number' : typeof v === 'boolean' ? 'a boolean' : typeof v);

/** The schema of a file's text, or the error the turn shows (nothing is sent): not JSON, or not an object. */
export function schemaFile(label: string, text: string): ChatJsonSchema | ChatError {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { message: `The schema file ${label} is not JSON (${(err as Error).message}); nothing was sent. Fix the file or pick another with Schema…, then retry.`, actions: ['retry'] };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { message: `The schema file ${label} holds ${kindOf(value)}, not a JSON Schema object; nothing was sent. Fix the file or pick another with Schema…, then retry.`, actions: ['retry'] };
  }
  return { name: schemaName(label), schema: value as Record<string, unknown> };
}

/** JSON Schema mode with no file picked yet. */
export const noSchemaError = (): ChatError => ({ message: 'JSON Schema mode needs a schema: pick a JSON file with Schema… beside the mode, then retry.', actions: ['retry'] });

/** The system message of a JSON turn; with a schema, the schema itself (a model that ignores
 * response_format still reads it). */
export function jsonSystemPrompt(schema?: ChatJsonSchema): string {
  if (!schema) return 'Answer with one JSON object and nothing else.';
  return `Answer with one JSON value and nothing else. It must follow this JSON Schema ("${schema.name}"):\n${JSON.stringify(schema.schema)}`;
}

/**
 * The answer's foot line from the artifact's schema check; null when the artifact has none. The first error
 * is named (`(the value)` for the whole value), the others counted.
 * @example schemaFootText({ valid: true, errors: [] }) === 'schema: valid'
 */
export function schemaFootText(report: SchemaReport | undefined): string | null {
  if (report === undefined) return null;
  if (report.valid === true) return 'schema: valid';
  const first = report.errors[0];
  if (report.valid === null) return `schema: the check could not run${report.error ? ` — ${report.error}` : ''}`;
  if (!first) return 'schema: invalid';
  const more = report.errors.length > 1 ? ` (+${report.errors.length - 1} more)` : '';
  return `schema: invalid — ${first.path || '(the value)'}: ${first.message}${more}`;
}
