/**
 * Tool names are unique in a request: the answer's calls name their tool, so two tools of one name leave
 * the call's schema undecided (the chat endpoint checked such calls against the last one's parameters)
 * and Anthropic's API answers 400 for them. Both endpoints refuse them before any upstream request, each
 * in its API's error shape (chatRequest.ts, server/anthropic/requestFields.ts).
 */

/** The first name given twice: where it is first and again; null when every name is unique. */
export function duplicateToolName(names: readonly (string | null)[]): { name: string; first: number; again: number } | null {
  const seen = new Map<string, number>();
  for (let i = 0; i < names.length; i++) {
    const n = names[i];
    if (n === null || n === undefined) continue;
    const first = seen.get(n);
    if (first !== undefined) return { name: n, first, again: i };
    seen.set(n, i);
  }
  return null;
}
