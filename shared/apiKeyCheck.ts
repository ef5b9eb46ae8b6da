/**
 * Whether a configured key can be sent at all. The key goes upstream in the `Authorization` header, and an
 * HTTP header value is bytes: undici (and fetch) send a character U+0080–U+00FF as its one latin1 byte and
 * refuse any character above U+00FF or a control character (`UND_ERR_INVALID_ARG: invalid authorization
 * header`), so every request would fail as "upstream unreachable". Such a key is refused when the daemon
 * is configured, with what is wrong and where, never the key itself. A latin1 character is sent; the
 * redaction (server/gateway/redact.ts) matches each form an upstream may echo its bytes in. In shared/: the
 * extension checks a key with it before it stores one or starts the daemon with one (client/daemonArgs.ts).
 *
 * Example:
 *   apiKeyProblem('sk-or-v1-abc');    // null
 *   apiKeyProblem('sk-or-v1-€bc');    // 'holds U+20AC at character 10, which an HTTP header cannot carry …'
 */

/** What undici takes in a header value: tab, printable ASCII, latin1 (Node's own check). */
const NOT_IN_HEADER = /[^\t\x20-\x7e\x80-\xff]/u;

/** Why `key` cannot be sent in a header, or null when it can. */
export function apiKeyProblem(key: string): string | null {
  const m = NOT_IN_HEADER.exec(key);
  if (m === null) return null;
  const code = m[0].codePointAt(0)!;
  const where = [...key.slice(0, m.index)].length + 1;
  return `holds U+${code.toString(16).toUpperCase().padStart(4, '0')} at character ${where}, which an HTTP header cannot carry (a header value is bytes 0-255 without control characters; OpenRouter keys are ASCII): check the key`;
}
