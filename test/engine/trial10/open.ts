/**
 * The texts of new-user trial 10 (cases.ts) the engine still gets wrong, each classified: a design limit
 * (what the user wants is not a JSON repair, or the streaming promise rules it out) or a real defect found
 * and not fixed in this round (left open, with the reason). They stay out of the corpus (which must be
 * 100%); trialCorpus10.test.ts checks that each still streams exactly as it repairs one-shot.
 */
export const TRIAL10_OPEN = new Map<string, string>([
  ['t10-agent-06', 'design limit: a Hermes transcript pasted whole (`<tool_call>{…}</tool_call>`, `<tool_response>{…}</tool_response>`, then the answer in a ```json fence): a run that starts with a tag starts as JSON, so the call\'s arguments stream at once and the answer is an extra value (REPAIRED says so). A text that is only a tool call, the common case, must stream its arguments; holding tool-call-started text (as the harmony commentary channel is held) would deliver every raw tool call at the end instead'],
  ['t10-noise-06', 'design limit: a unified diff of a JSON file (` {`, `-  "port": 8080`, `+  "port": 9090`): the new version is the diff applied, which is no JSON repair; the engine reads the `-` as a key'],
  ['t10-inter-01', 'design limit (README "Known limit: a live stream keeps the first value"): interleaved thinking, `<think>…</think>{"a": 1}<think>Wait, b is missing; fix it.</think>{"a": 1, "b": 2}`: the first value streams at once after the first block and output is never taken back. Since this trial the value right after the second block is a `correction` span (REPAIRED), and `takeCorrections` (the whole-text surfaces) gives the corrected value'],
  ['t10-inter-02', 'design limit (README "Known limit"): JSON-started text, then "Wait, b is missing. Fixed:" and the fixed value: a stream sends the first value; the correction is a `correction` span, REPAIRED, and `takeCorrections` gives it'],
  ['t10-inter-08', 'design limit, as t10-inter-01 with `<thinking>` blocks and a recount: the value after the first block streams; the one after the second block is a `correction` span since this trial and `takeCorrections` takes it'],
  ['t10b-13', 'design limit, as t10-inter-01 in harmony channels: a `final` value, an `analysis` channel that fixes it, a second `final` value: the first streamed at once; the second is a `correction` span (the `final` header between them keeps it so) and `takeCorrections` takes it'],
  ['t10b-15', 'design limit, as t10-inter-01 after an R1-style lone `</think>`: the value after the tag streams at once; the one after the next think block is a `correction` span and `takeCorrections` takes it'],
]);
