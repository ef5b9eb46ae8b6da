/**
 * The texts of new-user trial 13 (cases.ts) the engine still gets wrong, each classified: a design limit
 * (what the user wants is not a JSON repair, or the streaming promise rules it out) or a real defect found
 * and not fixed in this round (left open, with the reason). They stay out of the corpus (which must be
 * 100%); trialCorpus13.test.ts checks that each still streams exactly as it repairs one-shot.
 */
export const TRIAL13_OPEN = new Map<string, string>([
  ['t13-multi-02', 'design limit: three fenced values the user asked for (`Here are three examples:`, `1.` and a fence, `2.` and a fence, …) give the last, VALID: several fenced values of one rank are read as drafts and a final (the last among equals wins), and nothing in the text but the count the prompt asked for tells them from N answers; the engine returns one value, so a user who asked for N should ask for an array'],
  ['t13-multi-08', 'design limit (as multi-02): two fences of batches after `Here are the two batches:` give the second, VALID'],
  ['t13-multi-09', 'design limit (as multi-02): labelled bullet items (`- English: {…}`, `- French: {…}`) give the last, VALID; the records rule takes bare list items (`- {…}`, trial 13) but a labelled item reads as a value introduced by its label, as `Step 1: {…}` / `Final: {…}` do'],
  ['t13-multi-11', 'design limit (as multi-02): `Record 1:` and a fence, `Record 2:` and a fence give the second, VALID'],
  // round 2 (cases2.ts, written after round 1's fixes, not blind)
  ['t13r2-05', "left open (consistent with double quotes): two single-quoted words with a comma between, `'x', 'y'`, are prose (FAILED), as `\"x\", \"y\"` is: a top-level scalar followed by a comma and more text on its line is read as a sentence; on lines of their own (`'x'\\n'y'`) the first is the value"],
]);
