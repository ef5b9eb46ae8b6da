/**
 * What StreamFix Chat says when a request cannot be answered, and the action that fixes it. No `vscode`
 * import: unit-tested under plain mocha.
 */
import { strippedParts, summarizeRepairs } from '../shared/engine';
import type { Artifact } from '../shared/protocol';
import type { GatewayHttpError } from './gatewayHttp';
import type { ChatError } from './webview/messages';

/** The embedded demo upstream (no API key) serves only these. */
export const isDemoModel = (model: string): boolean => model.startsWith('demo/');

/** Refused before sending: the model needs an OpenRouter key the daemon does not have. */
export function missingKeyError(model: string): ChatError {
  return {
    message: `No OpenRouter API key is set, so "${model}" cannot answer (without a key only the demo/* models do). Set a key, or pick a demo model.`,
    actions: ['setKey'],
  };
}

export function daemonDownError(state: string): ChatError {
  return { message: `The StreamFix daemon is not running (${state}). Restart it, then retry.`, actions: ['restartDaemon', 'retry'] };
}

/** An error from the gateway request, as the user reads it in the conversation. */
export function chatErrorFrom(err: Pick<GatewayHttpError, 'message' | 'status' | 'code'>): ChatError {
  const detail = err.message.replace(/^gateway answered \d+: /, '');
  if (err.code === 'UNREACHABLE') {
    return { message: `The StreamFix gateway does not answer (${detail}). Restart the daemon, then retry.`, actions: ['restartDaemon', 'retry'] };
  }
  if (err.status === 401 || err.status === 403) {
    return { message: `The upstream refused the API key (HTTP ${err.status}): ${detail}`, actions: ['setKey', 'retry'] };
  }
  if (err.status === 503) {
    return {
      message: `The gateway is not sending requests to this model right now (HTTP 503, circuit breaker open): ${detail}. Retry later or pick another model.`,
      actions: ['retry'],
    };
  }
  if (err.status !== null) return { message: `The request failed (HTTP ${err.status}): ${detail}`, actions: ['retry'] };
  return { message: `The answer stream failed: ${detail}`, actions: ['retry'] };
}

/** The repairs that close a value cut off at the end of the input. */
const CLOSING = new Set<string>(['unclosed_string', 'unclosed_container']);

/**
 * The badge under a JSON answer, from its artifact: what the gateway's check found, never more. "repaired:
 * 2 trailing commas, 1 unquoted key"; "JSON: no repairs needed" only for VALID (the JSON parsed as sent: a claim about
 * the JSON, never its schema, whose check the foot says apart; before, "valid: no repairs needed" beside
 * "schema: invalid — …"); a cut answer says so
 * ("truncated: cut off, closed with 1 unclosed bracket"); an answer with no JSON in it is not "valid"
 * ("failed: no JSON in the answer, shown as sent"). What the shown value leaves out of the text as sent
 * follows ("repaired; stripped more top-level values" for `{"a":1}{"b":2}`; before, "repaired" alone,
 * the second value unmentioned).
 */

export function repairsBadge(artifact: Pick<Artifact, 'status' | 'repairs'> & Partial<Pick<Artifact, 'stripped'>>): string {
  const verdict = badgeVerdict(artifact);
  // what the answer shown leaves out of the text as sent (a second value, a draft, prose, a think block)
  const strips = artifact.status === 'FAILED' ? [] : strippedParts(artifact.stripped ?? []);
  return strips.length === 0 ? verdict : `${verdict}; stripped ${strips.join(', ')}`;
}

function badgeVerdict(artifact: Pick<Artifact, 'status' | 'repairs'>): string {
  const summary = artifact.repairs.length === 0 ? '' : summarizeRepairs({ repairs: artifact.repairs, stripped: [] }).slice('Repaired: '.length);
  switch (artifact.status) {
    case 'VALID':
      return 'JSON: no repairs needed';
    case 'REPAIRED':
      return summary === '' ? 'repaired' : `repaired: ${summary}`;
    case 'TRUNCATED': {
      // "closed with" names only what closed the cut value; any other repair is said as a repair
      const closing = artifact.repairs.filter((r) => CLOSING.has(r.kind));
      const other = artifact.repairs.filter((r) => !CLOSING.has(r.kind));
      const part = (rs: typeof artifact.repairs) => summarizeRepairs({ repairs: rs, stripped: [] }).slice('Repaired: '.length);
      return `truncated: cut off${closing.length > 0 ? `, closed with ${part(closing)}` : ''}${other.length > 0 ? `; repaired: ${part(other)}` : ''}`;
    }
    case 'FAILED':
      return 'failed: no JSON in the answer, shown as sent';
    case 'EMPTY':
      return 'empty: the model sent no content';
    default:
      return `not checked: ${artifact.status}`;
  }
}
