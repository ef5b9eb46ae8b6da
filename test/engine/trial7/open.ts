/**
 * The texts of new-user trial 7 (cases.ts) the engine still gets wrong, each classified: a design limit
 * (what the user wants is not a JSON repair, or no rule tells it apart from text that means otherwise) or
 * a real defect found and not fixed in this round (left open, with the reason). They stay out of the corpus
 * (which must be 100%); trialCorpus7.test.ts checks that each still streams exactly as it repairs one-shot.
 */
export const TRIAL7_OPEN = new Map<string, string>([
]);
