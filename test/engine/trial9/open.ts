/**
 * The texts of new-user trial 9 (cases.ts) the engine still gets wrong, each classified: a design limit
 * (what the user wants is not a JSON repair, or no rule tells it apart from text that means otherwise) or
 * a real defect found and not fixed in this round (left open, with the reason). They stay out of the corpus
 * (which must be 100%); trialCorpus9.test.ts checks that each still streams exactly as it repairs one-shot.
 */
export const TRIAL9_OPEN = new Map<string, string>([
  ['t9-think-04', 'design limit: interleaved thinking, `<think>…</think>` then a value, then another think block and a fuller value ("Merge them"): the run after the first block starts as JSON, so a stream sends its value at once, and output is never taken back; the second value is a `correction` span since trial 10 (REPAIRED says so; before, an extra value), and `takeCorrections` (the whole-text surfaces) takes it'],
  ['t9-think-05', 'design limit: interleaved thinking whose second block retracts the value before it ("Wait, I forgot the 10% tax") and a corrected value after it: as t9-think-04, the first value streamed at once after the first block; since trial 10 the value right after that block is a `correction` span, which `takeCorrections` (the whole-text surfaces) takes. REPAIRED says the text holds another value'],
]);
