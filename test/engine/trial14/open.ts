/**
 * The texts of new-user trial 14 (cases.ts) the engine still gets wrong, each classified: a design limit
 * (what the user wants is not a JSON repair, or the streaming promise rules it out) or a real defect found
 * and not fixed in this round (left open, with the reason). They stay out of the corpus (which must be
 * 100%); trialCorpus14.test.ts checks that each still streams exactly as it repairs one-shot.
 */
export const TRIAL14_OPEN = new Map<string, string>([
  ['t14-st-09', 'design limit: an Anthropic prefill continuation, `"name": "Ada Lovelace", "born": 1815}` (the assistant turn was prefilled with `{` and the user pastes only what the model wrote), is FAILED: the value a user wants needs an opening `{` the text never wrote, and the engine invents no bracket at a text\'s start (a quoted string followed by `:` at the start is as often a sentence\'s quotation); the caller that prefilled the `{` should prepend it'],
  ['t14-cf-06', 'design limit (value right, status not): a member without its object in a fence, `"scripts": {…}` under `Add this to your package.json:`, gives the inner object `{"dev": …, "build": …}` (a value the row accepts) with status VALID, where the row wants REPAIRED because the value was taken out of a member; the engine reads `"scripts":` as text before the value, as it reads any label, and makes no `{"scripts": …}` it would have to invent a brace for'],
  ['t14-th-16', 'design limit (README "Known limit: a live stream keeps the first value"): a JSON-started answer after a reasoning block, then `Wait, I miscounted. The correct answer is:` and the corrected value, gives the first value, REPAIRED, the correction a `correction` span; with `takeCorrections` (the whole text known before anything is shown) it gives `{"n": 6}`'],
]);
