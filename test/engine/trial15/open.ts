/**
 * The texts of new-user trial 15 (cases.ts) the engine still gets wrong, each classified: a design limit
 * (what the user wants is not a JSON repair, or the streaming promise rules it out) or a real defect found
 * and not fixed in this round (left open, with the reason). They stay out of the corpus (which must be
 * 100%); trialCorpus15.test.ts checks that each still streams exactly as it repairs one-shot.
 */
export const TRIAL15_OPEN = new Map<string, string>([
  ['t15-mt-05', 'design limit (README "Known limit: a live stream keeps the first value"): a pasted ChatML transcript (`<|im_start|>user … <|im_start|>assistant\\n{"a": 1}<|im_end|> … <|im_start|>assistant\\n{"a": 1, "b": 2}<|im_end|>`) streams the first assistant turn\'s value at once, VALID; the later turn\'s value, the one the paster wants, is trailing text. Telling a transcript from one answer needs the whole text held, which a live stream cannot do'],
  ['t15-mt-06', 'design limit, as t15-mt-05: a pasted Llama 3 transcript (`<|start_header_id|>assistant<|end_header_id|>` turns) gives the first assistant turn\'s value'],
  ['t15-mx-06', 'design limit: LaTeX written with single backslashes in a JSON string, `{"formula": "\\frac{1}{2}", "area": "\\pi r^2"}`, keeps `\\f` as a form feed (`"\\frac"` is valid JSON, which comes back byte for byte, and the stream has sent it before the invalid `\\p` of the next string shows the text is LaTeX); the `\\p` becomes a literal backslash'],
  ['t15-mx-12', 'design limit (README: an invalid escape of punctuation escapes text that writes its line breaks as `\\n`): `{"speed": "12\\,\\text{m/s}"}` keeps `\\t` as a tab after LaTeX\'s `\\,`, as `"Price: \\$5\\nTotal"` keeps its line break; a `\\t` followed by `ext{` is LaTeX only to a reader who knows LaTeX\'s commands'],
  ['t15-ym-11', 'design limit: XML given instead of JSON, `<user>\\n  <name>Ada</name>\\n  <age>36</age>\\n</user>`, gives `36`, VALID: a scalar between tags reads as a value in wrapper tags (`<answer>36</answer>` is the answer), and nothing in the text tells an XML element from a wrapper'],
]);
