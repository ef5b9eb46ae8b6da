/**
 * The texts of new-user trial 11 (cases.ts) the engine still gets wrong, each classified: a design limit
 * (what the user wants is not a JSON repair, or the streaming promise rules it out) or a real defect found
 * and not fixed in this round (left open, with the reason). They stay out of the corpus (which must be
 * 100%); trialCorpus11.test.ts checks that each still streams exactly as it repairs one-shot.
 */
export const TRIAL11_OPEN = new Map<string, string>([
  ['t11-host-14', "design limit: the Anthropic SDK's content list printed by Python (`[ThinkingBlock(signature='…', thinking='…', type='thinking'), TextBlock(citations=None, text='{\"count\": 3}', type='text')]`) is itself a complete value, a list of two calls, which the engine keeps as two strings (`call_text`, nothing lost, REPAIRED); the answer is a string argument inside the second repr, and taking it out would mean reading an SDK's object reprs, not repairing JSON"],
  ['t11-retry-03', 'design limit (README "Known limit: a live stream keeps the first value"): JSON-started text (`{"name": "Ada", "age": "36"}`), then "Wait, age should be a number. Corrected:" and the fixed value: a stream sends the first value at once and cannot take it back; the fixed value is a `correction` span, status REPAIRED, and `takeCorrections` (one-shot callers: non-streaming responses, the CLI without --stream, the editor) gives it'],
]);
