/**
 * The texts of new-user trial 12 (cases.ts) the engine still gets wrong, each classified: a design limit
 * (what the user wants is not a JSON repair, or the streaming promise rules it out) or a real defect found
 * and not fixed in this round (left open, with the reason). They stay out of the corpus (which must be
 * 100%); trialCorpus12.test.ts checks that each still streams exactly as it repairs one-shot.
 */
export const TRIAL12_OPEN = new Map<string, string>([
  ['t12-judge-12', 'design limit (README "Known limit: a live stream keeps the first value"): a JSON-started score (`{"score": 6}`), then "Wait, I overlooked the citation error. Revised:" and `{"score": 4}`: a stream sends the first value at once and cannot take it back; the revised score is a `correction` span, status REPAIRED, and `takeCorrections` (one-shot callers) gives it'],
  ['t12-corr-02', 'design limit (the same "Known limit"): `{"a": 1}\\nActually, scratch that. {"a": 2}` starts as JSON, so `{"a": 1}` streams at once; the correction is a `correction` span, status REPAIRED, and `takeCorrections` gives `{"a": 2}`'],
  ['t12-str-14', 'design limit: a UNC path written raw, `"\\\\server\\share\\file.txt"`: its `\\\\` is a valid escape (one backslash) and streams before `\\s` shows the path was not escaped; output is never taken back, and one-shot must give what the stream gives, so the value keeps one leading backslash (the later ones are kept as literal backslashes, REPAIRED)'],
  ['t12-last-12', 'left open (the text and the README disagree): the answer in a fence, then `A fuller record might include:` and a fuller value in a second fence; the README\'s rule takes a fuller value introduced after the answer as the answer ("With the score added it would look like:", a fuller answer, no other case), so this gives the fuller record; this text offers it as a possibility ("might"), and telling "might include" from "would look like" by wording alone would be fragile'],
]);
