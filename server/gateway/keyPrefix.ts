/**
 * How much of a secret's start is public: what a redaction may show of a key start that a text's end cut
 * (redact.ts). A stream, a channel or a JSON string that ends inside a key shows only its first
 * characters; past its public part they are the key's secret characters and go as `[redacted]`, up to it
 * they go as themselves (text that ends with `sk-or-v1-` is honest text: every OpenRouter key starts so).
 * - A provider's documented key prefix (`sk-or-v1-`, `sk-ant-api03-`, `sk-proj-`, …) is public: it names
 *   the provider, not the key. Every character after it is random and secret (one of 16 to 64 values).
 * - A secret of no known format shows at most SHOWN_OF_ANY_SECRET characters: 1–3 characters end ordinary
 *   text too often (`s`, `sk`, `ask`), and passthrough shows as many mid-stream (PASSTHROUGH_MIN_HOLD).
 * - A credential header's scheme (`Bearer `, `Basic `) is public, then its token's public part.
 *
 * Example:
 *   publicLength('sk-or-v1-0123456789abcdef');          // 9
 *   publicLength('Bearer sk-or-v1-0123456789abcdef');   // 16
 *   publicLength('q8Xr-secret-value');                  // 3
 */

/** At most this many characters of a secret of no known format are shown at a text's end. */
export const SHOWN_OF_ANY_SECRET = 3;

/** Key prefixes the providers document (longest first, so `sk-or-v1-` wins over `sk-`). */
const PUBLIC_PREFIXES = [
  'sk-ant-admin01-',
  'sk-ant-api03-',
  'sk-svcacct-',
  'github_pat_',
  'sk-or-v1-',
  'sk-admin-',
  'sk-proj-',
  'xai-',
  'gsk_',
  'ghp_',
  'AIza',
  'hf_',
  'sk-',
].sort((a, b) => b.length - a.length);

/** The scheme of a credential header's value, with the blanks after it. */
const SCHEME = /^(?:Bearer|Basic|Token|Bot|Key)[ \t]+(?=\S)/i;

/** How many of `secret`'s first characters are public (see the file's comment). */
export function publicLength(secret: string): number {
  const scheme = SCHEME.exec(secret);
  if (scheme !== null) return scheme[0].length + publicLength(secret.slice(scheme[0].length));
  const known = PUBLIC_PREFIXES.find((p) => secret.startsWith(p) && secret.length > p.length);
  if (known !== undefined) return known.length;
  // not half of a surrogate pair: a form of the secret (redact.ts variants) is written per character
  const code = secret.charCodeAt(SHOWN_OF_ANY_SECRET - 1);
  return code >= 0xd800 && code <= 0xdbff ? SHOWN_OF_ANY_SECRET - 1 : SHOWN_OF_ANY_SECRET;
}
