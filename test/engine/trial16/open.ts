/**
 * The texts of new-user trial 16 (cases.ts) the engine still gets wrong, each classified: a design limit
 * (what the user wants is not a JSON repair, or the streaming promise rules it out) or a real defect found
 * and not fixed in this round (left open, with the reason). They stay out of the corpus (which must be
 * 100%); trialCorpus16.test.ts checks that each still streams exactly as it repairs one-shot.
 */
export const TRIAL16_OPEN = new Map<string, string>([
  ['t16-re-05', 'design limit (README "Known limit: a live stream keeps the first value"): a LangChain structured-chat log that starts with its first action blob in a ```json fence (`{"action": "search", …}`, an `Observation:`, then the `{"action": "Final Answer", …}` blob in a second fence) streams the first blob at once, VALID; the final blob is trailing text. Text that starts as JSON streams its first value, and output is never taken back'],
  ['t16-rf-07', 'design limit: a refusal whose only value is the format it refuses to fill, in inline code (`A valid card would look like `{"number": "XXXX-…"}`, but I won\'t fill it in`), gives that value, VALID: an inline-code value ranks 1 and is still the answer when nothing else is there (README), and telling a refusal from an answer that shows its format needs the sentence\'s meaning'],
]);
