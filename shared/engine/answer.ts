/**
 * The answer among several candidates. Text that starts with prose is held by the machine (it may be
 * reasoning whose opening tag was in the prompt, or hold drafts and examples); when it is decided, this
 * file lists the JSON candidates in it, ranks them, and names the answer:
 *
 *   4  a value in a ```json fence;
 *   3  a value in a bare fence, or standing on its own lines;
 *   2  any other complete value;
 *   1  a value in an inline code span (`{"k": 1}`), an empty `{}` / `[]`, a template (every string value a
 *      placeholder: `{"email": "<email>"}`), or a value inside a sentence
 *      (text before it on its line and words after it before the sentence ends: `I can add {"b": 2} as
 *      well.`; a value that ends its sentence, `Here it is: {"a": 1}. More?`, is not inside one);
 *   ½  a counter-example, an example or an alternative: a value right after "not", "never", "instead
 *      of", "rather than", "e.g.", "for example", "such as" (`{"a": 1}, not {"a": 2}`, `Instead of
 *      {"v": 1}, use {"v": 2}`), or one introduced, after a candidate of rank 2 or more, as an example
 *      ("For example, another record could look like:", "Another example:") or an
 *      alternative ("Or, as an array:", "(if …):", "Alternatively", "If you want/need/prefer…",
 *      "another option"), an older version ("For reference, the previous version was:") or another
 *      case's output ("If the record is missing, the output would be:", "For a text in another language
 *      the output would look like:"), the input echoed ("**Before (your input):**"), what the model worked
 *      from ("The patch I applied:"), a sample, a failure case, its self-check or an earlier attempt; a
 *      schema echoed before its instance (echoedSchemas); options the text does not recommend
 *      (recommendedOption): the answer only when nothing else is there;
 *   0  a draft followed by a retraction ("No wait", "Hmm", "that is wrong", "let me restart"; not an "Oops"
 *      or "Hmm" that introduces a caveat or a note: "Oops, one caveat: …"), or
 *      broken off by one inside its own text (`{"a": 1, — hmm, let me restart.`), or cut at the end of
 *      the line of prose it started in, with prose on the next line (`Step 2: {"partial": 1` then
 *      `Final answer: {"a": 5}`): never the answer.
 *
 * The highest rank wins; among equals, the last one (drafts come first). The others stay stripped. A
 * run of records (values each starting their line, only white space or a comma between) counts as its
 * first value: the answer is that one, the others its extra values, as when the text starts with them.
 */
import { isSpace } from './chars';
import { bracketStartsProse, NON_ANSWER_TAG } from './runStart';
import { Segment } from './segment';
import { REPAIR_MESSAGES } from './messages';
import type { Position, Repair, RepairResult } from './types';

/** Held text: one run of content between reasoning spans. */
export interface Region {
  text: string;
  at: Position;
}

/** A sub-run of the machine over `text` (starting at `at`; `midText`: after a candidate, where no scalar
 * starts): the first value in it, where it starts and where the text after it starts (absolute offsets;
 * -1 when none / not ended). */
export type SubResult = RepairResult & { answerStart: number; answerEnd: number; scanned: number };
export type SubRun = (text: string, at: Position, midText: boolean) => SubResult;

/** A candidate: the sub-run that found it, from `from` (in its region's text) to the end of the value. */
export interface Candidate {
  region: number;
  from: number;
  start: number;
  end: number;
  json: string;
  rank: number;
  res: SubResult;
}

// the phrases that retract a draft wherever they stand (they say it is wrong, incomplete or to be redone;
// "that misses / lacks" only opening its clause: not "a user that lacks an email"); RETRACTION also takes
// a No / Wait opening the text after a value
const RETRACT_PHRASE = String.raw`\bno,? wait\b|\bhmm+\b|\bthat(?:'s| is| was) (?:wrong|not right|incorrect|not it|not quite)\b|(?<![A-Za-z0-9] )\bthat (?:misses|lacks|leaves out)\b|\bi forgot\b(?! to (?:mention|say|note|add that))|\bscratch that\b|\boops\b|\bactually,? no\b|\blet me (?:restart|start over|try again|redo|fix|correct)\b`;
/** The same in the other languages models answer in (a draft, then "不对，我算错了", "Moment, …",
 * "Attendez, c'est faux", "Нет, подождите, это неверно"): that the value is wrong, that the model erred,
 * or "wait" opening a sentence. Only phrases that say so outright: "等等" is also "etc.", "ошибка" names
 * any error, "Moment" is an English word too (so only opening a sentence, with its comma). `\b` reads
 * ASCII letters only, so around other letters a lookaround says where a word ends. */
const OTHER_RETRACT_PHRASE = [
  // Chinese: not right (not 对不对 "right?", 不对称 "asymmetric", 不对外 "not public", 不对等 "unequal"),
  // got it wrong (not 没错了 "right")
  String.raw`(?<![对對])不[对對](?![称稱劲勁应應外等])|(?<![没沒不])[错錯]了`,
  // Japanese: that is wrong, I made a mistake
  String.raw`違います|間違え(?:まし)?た|間違って(?:い(?:まし)?た|る)`,
  // Korean: that was wrong (잘못됐, 틀렸어요 / 틀렸습니다; not 틀렸는지 "whether it was wrong")
  String.raw`잘못(?:됐|되었|했)|틀렸(?:어|습니다|네|다)`,
  // "wait" opening a sentence in Chinese, Japanese and Korean (等等 is also "etc.", so only opening a
  // sentence and with its comma: trial 9's "等等，我漏算了标点" after a fenced draft; "… csv、yaml 等等。" is
  // no retraction), ちょっと待って, 잠깐(만요)
  String.raw`(?:^|[.!?。！？]\s*|\n)[ \t]*(?:等等|等一下|等一等|(?:ちょっと)?待って(?:ください)?|잠깐(?:만요)?)[,，、!！]`,
  // "wait" opening a sentence: German, French, Spanish, Portuguese, Italian, Russian
  String.raw`(?:^|[.!?]\s+|\n)[ \t]*(?:moment(?: mal)?|warte|attends|attendez|espera|espere|aspetta|un momento|подожди(?:те)?|стоп)[,!]`,
  // German: that is / was wrong, I was mistaken
  String.raw`\bdas (?:ist|war) (?:so )?(?:falsch|nicht (?:ganz )?(?:richtig|korrekt))\b|\bdas stimmt (?:so )?nicht\b|\bich habe mich (?:vertan|geirrt)\b`,
  // French: that's wrong, I was mistaken
  String.raw`\bc['\u2019]est (?:faux|incorrect|pas (?:bon|correct|juste))\b|\bce n['\u2019]est pas (?:bon|correct|juste)\b|\bje me suis tromp`,
  // Spanish / Portuguese / Italian: that is wrong, I was mistaken
  String.raw`\beso (?:est[aá] mal|es incorrecto|no es correcto)|\bme equivoqu|\bisso (?:est[aá] errado|n[aã]o est[aá] certo)|\bme enganei\b|\b(?:ho sbagliato|[eè] sbagliato)\b`,
  // Portuguese with the subject left out, opening a sentence or after an interjection ("Ops, está errado:")
  String.raw`(?:^|[.!?]\s+|\n|,\s*)(?:est[aá]|ficou) errad[oa]\b`,
  // Russian: that is wrong, I made a mistake
  String.raw`(?<![а-яё])(?:это (?:неверно|неправильно|ошибка)|я ошиб(?:ся|лась))(?![а-яё])`,
].join('|');
const RETRACTION = new RegExp(`${RETRACT_PHRASE}|${OTHER_RETRACT_PHRASE}|^\\W*wait\\b|^\\W*no[,.!]|^\\s*(?:\`{3,}\\s*)?(?:nein|non|нет|いや|不)[,，、.!！。]`, 'i');
/** A retraction inside a value's own text (outside its strings): a draft the model broke off mid-value
 * (`{"date": "…", — hmm, let me restart.`) and whose repair swallowed what followed, the answer too; a
 * "Wait" opening a line there too (`{"a": 1` then `Wait, I need to add b.`), as it does opening the text
 * after a value. */
const INNER_RETRACTION = new RegExp(`${RETRACT_PHRASE}|${OTHER_RETRACT_PHRASE}|(?<=\\n[ \\t]*)wait\\b`, 'i');
const RETRACTIONS = new RegExp(RETRACTION.source, 'gi');
/** What makes a retraction phrase a condition, not a retraction: a follow-up after the answer such as
 * "let me know if that's wrong" (the only value would otherwise be a draft, and the text FAILED). */
const CONDITION = /(?:\b(?:if|whether|in case|wenn|falls|ob|si|se)\s+|(?:^|\s)если\s+|如果|假如|要是|もし)$/i;
/** What makes an "Oops" / "Hmm" an aside, not a retraction: right after it (and its punctuation), words
 * that introduce a caveat, a note or an addition ("Oops, one caveat:", "Hmm — note that", "Oops, by the
 * way", "Hmm, also,"): the value stays the answer. A retraction says the value is wrong, incomplete or to
 * be redone ("Oops, I forgot the unit", "Hmm, that is wrong"), and any such phrase later in the text
 * after the value still retracts it. "I forgot to mention / say / add that" is a note too. */
const INTERJECTION = /^(?:hmm+|oops)$/i;
const ASIDE = /^[\s,.;:!\u2014\u2013-]*(?:(?:one|a|small|quick|minor|slight|just one|just a|important)\s+)*(?:caveats?|notes?\b|note that|nb\b|n\.b\.|by the way|btw\b|side note|aside|also\b|and also\b|one more thing|one thing|heads[- ]up|keep in mind|bear in mind|worth noting|for what it's worth|fyi\b|p\.s\.|ps\b|clarification|disclaimer|reminder|remark|tip\b|(?:i )?(?:almost |nearly )?forgot to (?:mention|say|note|add that)|(?:i )?(?:almost|nearly) forgot\b|(?:i )?(?:should|meant to) (?:mention|say|note|add|point out)|(?:let me|i'd) (?:add|mention|note|point out))/i;
/** What makes an "Oops" / "Hmm" a retraction when no aside word follows it: its sentence says the value
 * is wrong, incomplete or to be redone ("Hmm, the count is off.", "Oops, wrong key.", "Hmm, let me think
 * again."), or it stands alone ("Hmm." then another value). Any other sentence after it is an aside, a
 * caveat or an addition ("Oops, interesting: the date is approximate.", "Hmm, the API also returns a
 * cursor."): the value stays the answer. */
const FAULT = /\b(?:wrong|off|incorrect|inaccurate|mistakes?|mistaken|typos?|errors?|erroneous|broken|invalid|bad|missing|miss(?:es|ed)?|forgot|left out|leaves out|lacks?|lacking|incomplete|not (?:right|quite|correct|valid|it|what|enough)|(?:isn't|is not|wasn't|was not) (?:right|correct|valid|it|quite)|should(?:n't| not)? (?:be|have)|(?:needs?|has) to be|fix|redo|restart|start over|try again|wait|hold on|let me|rethink|reconsider|mixed up|swapped|backwards|(?:doesn't|does not|won't|will not) (?:match|work|parse|validate)|too (?:many|few|long|short|big|small)|misread|misunderst(?:ood|anding)|you (?:wanted|meant|asked|said))\b|^\W*(?:no|nope|nah)\b/i;
/** How much text after "Oops" / "Hmm" may say it is an aside. */
const ASIDE_WINDOW = 40;
/** How much of the sentence after "Oops" / "Hmm" is read for a fault. */
const FAULT_WINDOW = 120;
/** How much text before a retraction phrase may make it a condition. */
const CONDITION_WINDOW = 12;
const STRING_LITERAL = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g;
/** What stands right before a counter-example (`{"a": 1}, not {"a": 2}`, `not` on a line of its own) or
 * an example (`e.g. {…}`, `such as \`{…}\``). */
const NEGATED = /(?:\bnot|\bnever|\binstead of|\brather than|\bas opposed to|\be\.g\.|\bfor (?:example|instance)|\bsuch as)[\s,:(`]*$/i;
/** How much text before a candidate may hold its negation. */
const NEGATION_WINDOW = 40;
/** What introduces an example after an earlier candidate: an introduction that opens with "For example" /
 * "For instance" / "e.g." or names another example (trial 12: the answer in a ```json fence, then `For
 * example, another record could look like:` and a second fence gave the example, the "for example" two
 * lines above it; `Another example: {"q": "birds"}` after the answer likewise). */
const EXAMPLE_INTRO = /^\W*(?:for (?:example|instance)\b|e\.g\.)|\b(?:another|one more|a second|a further|other) examples?\b/i;
/** What introduces an alternative to an earlier candidate (in the text between the two): an option
 * ("Or", "(if", "alternatively", "if you want", "another option", "you could also"). */
const ALTERNATIVE = /^\W*or\b|\(\s*if\b|\balternative(?:ly|s)?\b|\bif you(?:'d| would)? (?:want|need|prefer|rather|like|meant)\b|\banother (?:option|way|approach)\b|\byou (?:could|can) also\b/i;
/** Another case's output, introduced after an earlier candidate: an error case ("error response",
 * "On error:"), or a failure or an absence said with what it gives ("If the record is missing, the output
 * would be:", "If something goes wrong the API returns:"). Not "When a field is missing, I set it to
 * null:" (nothing it gives), not "When there are no errors, …" (no failure), and not an introduction that
 * speaks of "your" request, data or case (the answer itself: "Error response for your request:"). */
const OTHER_CASE = new RegExp(
  [
    String.raw`\berror (?:response|case|format|output|object|payload|shape)\b|\bon (?:error|failure)\b|\bin case of (?:an? )?(?:error|failure)\b`,
    String.raw`^\W*(?:(?:and|but)\s+)?(?:if|when|in case|should)\b[^:]*?(?<!\b(?:no|without|zero|any) )\b(?:missing|empty|absent|nothing|none|no (?:\w+ )?(?:match(?:es)?|results?|items?|records?|data|values?)|not found|(?:doesn't|does not|don't|do not) (?:match|exist)|fails?|failed|failures?|errors?|goes wrong|invalid|unavailable)\b[^:]*?\b(?:would|returns?|returned|outputs?|responses?|results?|(?:you|we)(?:'ll|'d| will| would)? (?:get|see|receive)|gets|looks? like|becomes?|yields?|gives?)\b`,
  ].join('|'),
  'i',
);
const YOURS = /\byour\b/i;
/** Another case's output said in the conditional, after an earlier candidate: a different input, text
 * or setting and what it would give ("For a text in another language the output would look like:",
 * "With a different locale you would get:", "Otherwise the result would be:"). Not a fuller or fixed
 * version of the answer ("With the missing field added, it would look like:": no other case named). */
const OTHER_HYPOTHETICAL = /\b(?:another|a different|otherwise|for (?:an? )?other)\b[^:]*?\bwould\b|\bwould\b[^:]*?\b(?:for|with|in|on) (?:another|a different)\b/i;
/** A conditional introduction that gives a verdict on the value after it ("If the email is missing, the
 * result is still valid:") leads in that value: it says what that value is, not what another case gives. */
const VERDICT = /\b(?:is|are|'s|\u2019s|remains?|stays?)\s+(?:still\s+)?(?:perfectly\s+|completely\s+|fully\s+)?(?:valid|fine|ok(?:ay)?|acceptable|allowed|accepted|correct|compliant)\b|\bstill (?:valid|validates?|passes|works|conforms)\b/i;
/** A case with no data or a failure (not a field left out): its output stays another case's even when
 * called valid (`If nothing matches, the result is still valid JSON:` after the answer). */
const EMPTY_CASE = /\b(?:nothing|none|empty|no (?:\w+ )?(?:match(?:es)?|results?|items?|records?|data|values?)|not found|fails?|failed|failures?|errors?|goes wrong|unavailable)\b/i;
/** A template's value: a placeholder (`"<email>"`, `"..."`, a type name, a date pattern), not data. */
const PLACEHOLDER = /^(?:<[^<>]+>|\{\{[^{}]+\}\}|\$?\{[A-Za-z_][\w.-]*\}|\.{3}|\u2026|(?:string|str|number|num|integer|int|float|double|boolean|bool|date|datetime)(?:\s*(?:\||or)\s*null)?|y{2,4}-mm-dd(?:[t ]hh:mm(?::ss)?z?)?)$/i;
/** Templates are small: a longer value is not looked at (the look parses it). */
const TEMPLATE_MAX = 4096;
/** An older version or a reference named as what follows ("For reference, the previous version was:",
 * "The old format was:", "## Previous result"): an alternative, unless the sentence speaks of a correction
 * (`Updated version (the previous one lacked id):`, `here is the fixed one, replacing the previous output:`). */
const OLDER = /\bfor (?:reference|comparison)\b|\b(?:previous|old|former|earlier|original) (?:version|one|format|config(?:uration)?|output|response|result|value|data|json|schema)(?: (?:was|were|is|looked like|used to be))?[\s:]*$/i;
const CORRECTED = /\b(?:correct|fix|updat|revis|replac|amend|improv|new\b|final)/i;
/** A preference between two values (`Prefer {"m": "fast"} over {"m": "slow"}`): "prefer(s/red)" or "use"
 * right before the first, "over" alone between the two; or "is preferred over / to" between them. The
 * second is the rejected one. ("over" is a common word: nothing else around it counts.) */
const PREFER_LEAD = /\b(?:prefer(?:s|red|ring)?|use)[\s`]*$/i;
const PREFER_BETWEEN = /^[\s`,]*(?:over|(?:is|are) preferred (?:over|to))[\s`]*$/i;
/** How much text before the first value may say "prefer". */
const PREFER_WINDOW = 20;
/** A JSON Schema introduced as one (`And the schema it follows:`) after an earlier candidate: the
 * instance is the answer, the schema it follows a reference (the value itself must look like a schema:
 * a `"$schema"`, `"properties"` or `"type"` key). */
const SCHEMA_INTRO = /\bschema\b/i;
const SCHEMA_KEYS = /"(?:\$schema|properties|type)"\s*:/;
/** What a value introduced after an earlier candidate may be instead of the answer (trial 9): an echo of
 * the input ("**Before (your input):**", "(You sent: {…})", "Original input:", "Sample input:", an API
 * request before or after its response: "Request body:"), an artifact the model
 * says it worked from ("The patch I applied:", "The schema I used:", "Based on the template:",
 * "Validated against:"), a sample or the docs' example ("Sample from the docs:"; not "Example instance:",
 * which leads in the instance after a TypeScript interface), a failure case's output
 * ("Failure (401):", "Error:"), or the model's check of its own answer ("Self-check report:"). Each is
 * the intro of a value whose introduction names it as a label (at its start: not "Here's what you sent,
 * as valid JSON:", "Here's the JSON I used:"); not one that names an output ("Input (converted):"), a
 * correction ("Original, fixed:", "Here is the corrected version of the JSON you provided:") or the
 * user's own case ("Sample for your data:"). */
const ECHOED_INPUT = /^\W*(?:(?:the|your|sample|example|test) )?(?:input|before|original|request)\b|^\W*(?:what )?you (?:sent|gave|provided|passed|posted)\b/i;
const OUTPUT_NAMED = /\b(?:output|result|response|answer|converted|transformed|normali[sz]ed)\b/i;
const WORKED_FROM = /^\W*(?:(?:and|which is|it(?:'s| is))\s+)?(?:based on|validated against|derived from|generated from|built from)\b[^,]*$|^\W*the (?:[\w-]+ ){0,2}?(?:i|we) (?:applied|used|followed|started from|worked from)\b/i;
const SAMPLE = /^\W*(?:(?:a|the|another)\s+)?samples?\b|\bfrom the (?:docs|documentation|spec|readme|api reference)\b|\b(?:generic|typical|documentation|docs) example\b/i;
/** (An "Invalid" label is one word, or two, and a parenthesis before its colon: `Invalid:`, `Invalid example:`,
 * `Invalid (missing name):`, trial 16; not `Invalid fields removed:`, which leads in a cleaned answer.) */
const FAILURE_LABEL = /^\W*(?:on\s+)?(?:failure|failed|error|unsuccessful)\b|^\W*invalid(?:\s+[\w-]+)?\s*(?:\([^)]*\))?[*_]*:|\(\s*[45]\d\d\b[^)]*\)/i;
/** A tool's result in an agent's log (trial 16: `Action Input: {"user_id": 7}\nObservation: {"name": …}`,
 * a ReAct model that ran past its stop sequence and wrote the tool's answer itself, gave that observation,
 * the last among equals): an `Observation:` (or "Tool result:", "Function output:") after an earlier
 * candidate is what a tool returned, not the model's answer. */
const TOOL_RESULT = /^\W*(?:observation|(?:tool|function) (?:result|output|response))\b/i;
const SELF_CHECK = /\bself[- ]?(?:check|validation|review|critique|assessment)\b|\bsanity[- ]check\b/i;
/** An earlier attempt named as what follows, after the answer ("(My first attempt, which failed
 * validation, was:)"), as OLDER names an older version. */
const EARLIER_ATTEMPT = /\b(?:previous|earlier|first|initial|original|failed|rejected) (?:attempt|try|draft)\b/i;
/** A later attempt named as what follows ("Attempt 2:", "Second pass:", "Retrying:"; trial 9: a fenced
 * first attempt, a validation error, then `Attempt 2:` and the value unfenced gave the first): every
 * candidate before it is a draft it replaces, ranked as a corrected value (below it). */
const RETRY_LEAD = /^\W*(?:attempt|try|pass|iteration|round|retry)\s*#?\s*(?:[2-9]|\d{2,})\b|\b(?:second|third|fourth|fifth|next|new|final|last|another)\s+(?:attempt|try|pass|iteration|round)\b|^\W*retry(?:ing)?\s*(?:[:.\u2026]|$)/i;
/** A schema the model says it follows or uses (`I'll follow this JSON Schema:`, `Using your schema:`, `Following
 * the schema below:`): a reference it worked from, so an instance after it is the answer even when led in as one
 * that conforms (trial 16: `Here's data that conforms:` kept the schema the answer). */
const SCHEMA_FOLLOWED = /\b(?:i'?ll|i will|i am going to|i'm going to|let me|we'll)\s+(?:follow|use|stick to)\b|^\W*(?:following|using|per|according to|based on)\b/i;
/** What leads in an instance as an example of the schema before it (echoedSchemas). */
const EXAMPLE_LEAD = /\b(?:examples?|samples?|like|e\.g\.|for instance|such as|validates?|matches|accepts?|conforms?)\b/i;
/** An option's label leading in a value (recommendedOption), and a recommendation naming one. */
/** (German, Spanish and French too, trial 16: `Variante 1:` … `Ich empfehle Variante 1.` gave variant 2,
 * the last among equals; each label word is read as its English one.) */
const OPTION_LABEL = /^[\W_]*(option|variante?|approach|choice|alternative|version|opci[oó]n)\s+([A-Z]|\d{1,2})\b/i;
const OPTION_CHOSEN = /\b(?:go with|recommend(?:ed|ation)?|use|pick|choose|prefer|suggest|empfehle|empfehlen|nimm|recomiendo|recommande|conseille)\b[^.\n]{0,20}?\b(option|variante?|approach|choice|alternative|version|opci[oó]n)\s+([A-Z]|\d{1,2})\b/i;
/** One label for the words of OPTION_LABEL in any of its languages. */
function optionLabel(word: string, id: string): string {
  const w = word.toLowerCase();
  return `${w.startsWith('variant') ? 'variant' : w.startsWith('opci') ? 'option' : w} ${id.toLowerCase()}`;
}
/** Schemas kept per region while looking for their instances. */
const SCHEMAS_MAX = 8;
/** The rank of a counter-example or an alternative: below every other candidate, above a draft. */
const SECOND_CHOICE = 0.5;
/** How much text before a candidate may introduce it as an alternative. */
const LEAD_WINDOW = 200;
/** A sentence starting "Actually," after a value corrects it, or only adds to it ("Actually, that's
 * all you need."): the value ranks below any other complete value (a corrected one after it), above an
 * example or a value in a sentence, and is still the answer when nothing else is there. Its own rank
 * still counts as an answer before the next value (an alternative after it stays one). So does a line
 * that leads in a corrected value: it opens with "Correction", "Corrected", "Fixed", "Revised" or
 * "Updated" (after markdown `#`, `>`, `*`) and ends with a colon, or has a value right after its colon
 * (`Correction: {"v": 2}`, `**Updated JSON:**`; not `Fixed: the typo in the name.`), or is a markdown
 * heading that opens with one of those words and ends within 40 characters (`### Corrected output`). */
const CORRECTION = /(?:^|[.!?:;]\s+|\n)\s*actually,|(?:^|[.!?;]\s+|\n)[^.!?\n]{0,60}?\b(?:the|my|this) (?:correct|corrected|fixed|revised|updated|right) [\w-]+(?: [\w-]+){0,2}?(?: (?:is|are|would be|should be|will be))?[ \t]*:[*_]*[ \t]*(?=\r?\n|$|[{[`])|(?:^|\n)[ \t>#*_]*(?:correction|corrected|fixed|revised|updated)\b[^\n:]{0,40}:[*_]*[ \t]*(?=\r?\n|$|[{[`])|(?:^|\n) {0,3}#{1,6}[ \t]+(?:correction|corrected|fixed|revised|updated)\b[^\n]{0,40}?[ \t#]*(?=\r?\n|$)/i;
const CORRECTED_RANK = 1.5;
/** A value inside that sentence, after the value it corrects (`{"a": 1}` then `Actually, use {"a": 2}
 * instead.`): the corrected value, ranked as a value standing in the text (2), not as one in a sentence. */
const CORRECTING = /(?:^|[.!?:;]\s+|\n)\s*actually,[^.!?\n]*$/i;
/** What stands between two values of one run of records: white space and at most one comma. */
const ADJACENT = /^\s*,?\s*$/;
/** Between two items of a markdown list of records (`1. {"id": 1}\n2. {"id": 2}`, trial 13): a line break
 * (blank lines too: a loose list) and the next item's marker, a number and `.` or `)`, or `-` `*` `+`. */
const ADJACENT_ITEM = /^[ \t]*,?\s*\n[ \t]*(?:\d{1,3}[.)]|[-*+])[ \t]+$/;
/** A list item's marker that is all the text before a value on its line. */
const ITEM_BEFORE = /^[ \t]*(?:\d{1,3}([.)])|([-*+]))[ \t]+$/;
/** The kind of list item marker `before` (the text before a value on its line) is: `1.` and `1)` apart,
 * each bullet character apart; null when it is none. */
function itemMarker(before: string): string | null {
  const m = ITEM_BEFORE.exec(before);
  return m === null ? null : m[1] !== undefined ? `n${m[1]}` : m[2];
}
/** A wrapper tag right before a value on its line (`<answer>`, `<json format="x">`) and its closing tag
 * right after it (`</answer>`): the tags models are told to put their answer in. */
const TAG_BEFORE = /<[A-Za-z][\w:.-]*(?:\s[^<>\n]*)?>[ \t]*$/;
const TAG_AFTER = /^[ \t]*<\/[A-Za-z][\w:.-]*>/;
/** How much text after a candidate may hold its retraction. */
const RETRACT_WINDOW = 120;
/** Broken-off drafts searched past in one region: each search after one may scan the rest of the text
 * again, so the bound keeps the work linear (at most this many times the region). */
const MAX_RESTARTS = 8;

function lineStart(text: string, i: number): number {
  return text.lastIndexOf('\n', i - 1) + 1;
}

function startsLine(text: string, i: number): boolean {
  return text.slice(lineStart(text, i), i).trim() === '';
}

function lineEnd(text: string, i: number): number {
  const n = text.indexOf('\n', i);
  return n < 0 ? text.length : n;
}

/** The text after a value up to the end of its sentence: `.`, `!`, `?` or `;` followed by white space or
 * the end of the line (`{"a": 1}. If you want…` → ``; `{"b": 2} as well.` → ` as well`). */
function sentenceRest(rest: string): string {
  const m = /[.!?;](?:\s|$)/.exec(rest);
  return m === null ? rest : rest.slice(0, m.index);
}

/** The sentence that introduces a value, from the text before it: the last sentence of its last line
 * that is not blank nor a fence's opening, when it ends with a colon (`Alternatively, if you want JSON
 * output:`), or that line without its parentheses when it is a markdown heading (`## Previous result`),
 * else ''. A marker in an
 * earlier sentence (`(e.g. {…}) if you need fewer results.`) is not. */
function introduction(lead: string): string {
  const t = withoutCopyLines(lead.replace(/`{3,}[ \t]*[\w+.-]*[ \t]*\n?[ \t]*$/, '').trimEnd());
  const last = t.slice(t.lastIndexOf('\n') + 1);
  // a heading's parenthesis is a note, `## Response (if successful)`, not an option's condition
  if (/^ {0,3}#{1,6}[ \t]/.test(last)) return last.replace(/\([^)]*\)/g, '');
  // a colon inside emphasis or a parenthesis ends it too (`**After:**`, `(My first attempt was:)`)
  if (!/:[*_)\]]*$/.test(t)) return '';
  const m = /[.!?]\s+(?=\S[^]*$)/g;
  let from = 0;
  for (let x = m.exec(last); x !== null; x = m.exec(last)) from = x.index + x[0].length;
  return last.slice(from);
}

/** The lines a chat web UI's code block leaves in copied text before its code, where the fence was: the
 * language label and the buttons (ChatGPT's `json` / `Copy code`, `Copy` / `Edit`; DeepSeek's `复制`), or a
 * `JSON` label alone (Gemini's, whose button line is after the code: `Use code with caution.`). */
const COPY_LINES = /(?:\n[ \t]*(?:[A-Za-z][\w+#.-]{0,15}[ \t]*\n[ \t]*)?(?:copy code|copy|edit|复制)(?:[ \t]*\n[ \t]*(?:copy|edit))*|\n[ \t]*json)[ \t]*$/i;

/** `lead` (trimmed) without the copy lines a web UI left at its end: the introduction is the line above
 * them (trial 15: `If the list were empty, you would get:`, then `json` and `Copy code`, then a value,
 * was no introduction, so that other case's value won as the last among equals). */
function withoutCopyLines(lead: string): string {
  const m = COPY_LINES.exec(lead);
  return m === null ? lead : lead.slice(0, m.index).trimEnd();
}

/** Where `after` (the text after a value) retracts it: the end of the first retraction phrase that is
 * not a condition nor an aside, or -1. */
function retraction(after: string): number {
  RETRACTIONS.lastIndex = 0;
  for (let m = RETRACTIONS.exec(after); m !== null; m = RETRACTIONS.exec(after)) {
    if (CONDITION.test(after.slice(Math.max(0, m.index - CONDITION_WINDOW), m.index))) continue;
    const end = m.index + m[0].length;
    if (INTERJECTION.test(m[0]) && (ASIDE.test(after.slice(end, end + ASIDE_WINDOW)) || aside(after.slice(end, end + FAULT_WINDOW)))) continue;
    return end;
  }
  return -1;
}

function retracted(after: string): boolean {
  return retraction(after) >= 0;
}

/** Where the text after a value starts to correct it: the end of a retraction (above) or of a sentence's
 * opening "Actually,", whichever comes first; -1 when it does not. Text that starts as JSON streams its
 * value at once, so a value after this is a later correction the output cannot take (finish.ts records
 * it as a stripped span of kind `correction`). */
export function correctionCue(after: string): number {
  const r = retraction(after);
  const m = CORRECTION.exec(after);
  const a = m === null ? -1 : m.index + m[0].length;
  return r < 0 ? a : a < 0 ? r : Math.min(r, a);
}

/** Whether the text after an "Oops" / "Hmm" is an aside: a sentence (some word before its end) that
 * names no fault (FAULT). */
function aside(next: string): boolean {
  const m = /[.!?](?:\s|$)|\n/.exec(next);
  const sentence = m === null ? next : next.slice(0, m.index);
  return /[A-Za-z]{2}/.test(sentence) && !FAULT.test(sentence);
}

/** The rank of the value text[start, end), followed by `after` (the text up to the next candidate) and
 * led in by `lead` (the text since the candidate before it; null when no candidate before it could be
 * the answer: an alternative is one to an answer, not to an example). */
function rank(text: string, start: number, end: number, json: string, after: string, lead: string | null, correcting = false): number {
  const before = text.slice(lineStart(text, start), start);
  const rest = text.slice(end, lineEnd(text, end));
  if (retracted(after.slice(0, RETRACT_WINDOW))) return 0;
  if (NEGATED.test(text.slice(Math.max(0, start - NEGATION_WINDOW), start))) return SECOND_CHOICE;
  if (lead !== null) {
    const intro = introduction(lead);
    if (ALTERNATIVE.test(intro) || EXAMPLE_INTRO.test(intro) || (OLDER.test(intro) && !CORRECTED.test(intro))) return SECOND_CHOICE;
    if ((OTHER_CASE.test(intro) || OTHER_HYPOTHETICAL.test(intro)) && !YOURS.test(intro) && !(VERDICT.test(intro) && !EMPTY_CASE.test(intro))) return SECOND_CHOICE;
    if (SCHEMA_INTRO.test(intro) && SCHEMA_KEYS.test(json)) return SECOND_CHOICE;
    if (!RETRY_LEAD.test(intro) && !CORRECTED.test(intro)) {
      if (ECHOED_INPUT.test(intro) && !OUTPUT_NAMED.test(intro)) return SECOND_CHOICE;
      if (WORKED_FROM.test(intro) || SELF_CHECK.test(intro) || EARLIER_ATTEMPT.test(intro)) return SECOND_CHOICE;
      if ((SAMPLE.test(intro) || FAILURE_LABEL.test(intro) || TOOL_RESULT.test(intro)) && !YOURS.test(intro)) return SECOND_CHOICE;
    }
  }
  if (insideNonAnswerTag(text, start)) return SECOND_CHOICE;
  if (inOtherFormat(text, start, end, before)) return 0;
  if (template(json)) return 1;
  // an empty `{}` / `[]` is prose (`values in [] are optional`), unless it stands as an answer: alone on
  // its line, or after a label's colon (`Result:\n[]`, `Final: []`), no words after it in its sentence;
  // then it ranks 2, as a complete value, below one standing alone or fenced (an empty case's example)
  // (trial 6: `Usage: fetch <id> [--all]\nResult:\n[]` gave `["--all"]`, and
  // `Draft: {…}\nActually nothing qualifies.\nFinal: []` the draft)
  const compact = json.replace(/\s+/g, '');
  if (compact === '{}' || compact === '[]') return /(?:^|:)[ \t]*$/.test(before) && !/[A-Za-z]/.test(sentenceRest(rest)) ? 2 : 1;
  if (/`$/.test(before) && !/```$/.test(before)) return 1; // inline code
  const fenceBefore = /```[ \t]*([A-Za-z]*)[^\n`]*\n[ \t]*$/.exec(text.slice(Math.max(0, start - 80), start));
  if (fenceBefore) return fenceBefore[1].toLowerCase() === 'json' ? 4 : 3;
  // a wrapper tag on the value's line is no prose (`<answer>{"n": 4}</answer>`, `<json>{…}`): the value
  // stands alone between its tags (trial 7: a prose draft before it ranked 2, the tagged answer 1, inside a
  // sentence of `</answer>`)
  const bare = before.replace(TAG_BEFORE, '');
  const tail = rest.replace(TAG_AFTER, '');
  const aloneBefore = bare.trim() === '';
  const aloneAfter = tail.trim() === '' || /^\s*`{3}/.test(tail);
  // a bare word in brackets (`[INFO]`, `[DONE]`, `[ГОТОВО]`: no quote, no comma, no number, no keyword) is a
  // tag or a label, not an answer: it ranks as an example, below any value (it won standing alone after
  // `Here: {"a": 1}`, as the last among equals; `[1, 2]`, `[42]`, `["INFO"]`, `[true]`, `[a, b]` are values)
  // a note in brackets right after a value on its line (`web: {"a": 1} [pid 42]`, `… [see note]`, `[sic]`):
  // words, no quote or comma, is no answer (trial 15: it won over the value it annotated, which ranked 1
  // inside the sentence the note made; a bare word, `[sic]`, as the last among equals)
  if (text.charCodeAt(start) === 91 && /[}\]][ \t]*$/.test(before) && BRACKET_NOTE.test(text.slice(start, end))) return 0;
  if (text.charCodeAt(start) === 91 && bareWordInBrackets(text.slice(start, end))) return 1;
  // DSPy's field marker (`[[ ## label ## ]]`, runStart.ts) names the field whose value follows: never the answer
  // (trial 18: standing alone on its line it ranked as the value after it, and won as the first among equals)
  if (String.prototype.startsWith.call(text, '[[ ## ', start)) return 0;
  if (aloneBefore && aloneAfter) return 3;
  // a log line's or a shell prompt's bracketed prefix with text after it (`[INFO] request done`), as at a
  // run's start (runStart.ts), is no answer (trial 11: `Here: {"a": 1}\n[INFO] done` gave `["INFO"]`, the
  // last among equals)
  if (aloneBefore && /[A-Za-z]/.test(tail) && text.charCodeAt(start) === 91 && bracketStartsProse(text.slice(start, end), 1) === true) return 1;
  // a citation marker after text on its line (`… {"a": 1} [1]`, `growth [2].`) is never the answer (trial
  // 14: `Sorry, I don't know the answer to that [1].` gave `[1]`, the only candidate), unless a label's colon
  // or a verb that gives a value leads it in (`The answer: [42]`, `The result is [2].`: rank 1); nor is a reference list's entry, a marker starting its line
  // with a colon or words after it (`[1] Bureau of Labor Statistics`, `[1]: https://…`; trial 14: it won
  // as the last value of rank 2 over the answer it cited)
  if (/^\[\d{1,3}\]$/.test(json)) {
    if (!aloneBefore) return LED_IN_VALUE.test(before) ? 1 : 0;
    if (REFERENCE_AFTER.test(rest)) return 0;
  }
  // inside a sentence, unless that sentence corrects the value before it ("Actually, use {…} instead.")
  if (!aloneBefore && !correcting && /[A-Za-z]/.test(sentenceRest(tail))) return 1;
  return 2;
}

/** The info words of fences whose language is another data or query format than JSON (YAML, TOML, INI,
 * .env, GraphQL, XML, CSV, HCL): a value inside one that is not the fence's whole content is a part of
 * that format (`ports: []`, a TOML table's `[server]`, a GraphQL selection), never the answer; the whole
 * content (JSON in a `yaml` fence, YAML's superset) still is. */
const OTHER_FORMAT_FENCE = /(?:^|\n)[ \t]{0,3}`{3,}[ \t]*(yaml|yml|toml|ini|cfg|conf|properties|env|dotenv|graphql|gql|xml|csv|hcl|terraform|tf)[ \t]*\n((?:(?!`{3})[^])*)$/i;
/** A comment line of those formats (`#`, INI's `;`). */
const FORMAT_COMMENT = /^[ \t]*[#;].*$/gm;
/** A TOML / INI table header on a line of its own followed by a `key = value` line (`[server]` then
 * `port = 8080`), and such an assignment's key before a value (`authors = ["Ada"]`). */
const TABLE_HEADER = /(?:^|\n)[ \t]*\[{1,2}[ \t]*[A-Za-z_][\w.-]*[ \t]*\]{1,2}[ \t]*\r?\n[ \t]*[A-Za-z_][\w.-]*[ \t]*=/;
const ASSIGNMENT_BEFORE = /^[ \t]*[A-Za-z_][\w.-]*[ \t]*=[ \t]*$/;
/** How far back a value's fence or its table's header is looked for. */
const FORMAT_WINDOW = 4096;

/** Whether the value text[start, end) (`before`: the text before it on its line) is a part of another
 * format the model wrote instead of JSON (trial 15: a ```yaml fence's `env: {}` / `ports: []` gave `[]`, a
 * ```toml fence's or an unfenced `[server]` header gave `["server"]`, TOML's `authors = ["Ada"]` gave
 * `["Ada"]`, a ```graphql query gave `{}`): inside an OTHER_FORMAT_FENCE with other text in the fence, a
 * TOML table header (the line after it an assignment), or an assignment's value under such a header. */
function inOtherFormat(text: string, start: number, end: number, before: string): boolean {
  const from = Math.max(0, start - FORMAT_WINDOW);
  const back = text.slice(from, start).lastIndexOf('```');
  if (back >= 0) {
    const m = OTHER_FORMAT_FENCE.exec(text.slice(Math.max(0, lineStart(text, from + back) - 1), start));
    if (m !== null) {
      const ahead = text.slice(end, end + FORMAT_WINDOW);
      const close = ahead.indexOf('```');
      const after = close < 0 ? ahead : ahead.slice(0, close);
      // (its comment lines are no content: `# config` above JSON in a yaml fence)
      if (m[2].replace(FORMAT_COMMENT, '').trim() !== '' || after.replace(FORMAT_COMMENT, '').trim() !== '') return true;
    }
  }
  if (text.charCodeAt(start) === 91 && before.trim() === '' && TABLE_HEADER.test(text.slice(lineStart(text, start), Math.min(text.length, end + 256)))) return true;
  return ASSIGNMENT_BEFORE.test(before) && TABLE_HEADER.test(text.slice(from, lineStart(text, start)));
}

/** What leads in a value rather than a citation marker: a colon or `=`, or a verb that gives a value. */
const LED_IN_VALUE = /(?:[:=]|\b(?:is|are|was|were|be|equals?|returns?|gives?|yields?))[ \t]*$/i;
/** What follows a reference list entry's marker on its line: a colon (a markdown link definition) or words. */
const REFERENCE_AFTER = /^(?::|[ \t]+[^\s[{,])/;

/** A bracketed bare word: `[`, a word of letters (any script), digits, `_`, `-` or `.` that starts with a
 * letter or `_` and is no JSON, Python or JavaScript keyword, `]` (spaces inside allowed). */
const BARE_WORD_IN_BRACKETS = /^\[[ \t]*([\p{L}_][\p{L}\p{N}_.-]*)[ \t]*\]$/u;
const BRACKET_WORD_KEYWORDS = new Set(['true', 'false', 'null', 'True', 'False', 'None', 'NaN', 'Infinity', 'undefined']);
function bareWordInBrackets(raw: string): boolean {
  const m = BARE_WORD_IN_BRACKETS.exec(raw);
  return m !== null && !BRACKET_WORD_KEYWORDS.has(m[1]!);
}

/** A note in brackets: words (a letter first), spaces and digits, no quote, comma or bracket inside. */
const BRACKET_NOTE = /^\[[ \t]*\p{L}[^"'`,[\]{}\n]*\]$/u;

/** How far before a value the tag it may be inside is looked for. */
const TAG_WINDOW = 2000;

/** Whether the value starting at text[start] is inside a tag whose content is no answer (`<draft>`,
 * `<example>`; runStart.ts NON_ANSWER_TAGS): the last such tag before it, within TAG_WINDOW, opens one at
 * the start of its line.
 * Trial 10: `Here:\n{"a": 2}\n<example>\n{"a": 1}\n</example>` gave the example, the last among equals. */
function insideNonAnswerTag(text: string, start: number): boolean {
  const from = Math.max(0, start - TAG_WINDOW);
  if (text.lastIndexOf('<', start) < from) return false;
  const w = text.slice(from, start);
  NON_ANSWER_TAG.lastIndex = 0;
  let open = false;
  // an opening tag counts where it starts its line (a tag named in a sentence, `Use <example> tags.`, opens nothing)
  for (let m = NON_ANSWER_TAG.exec(w); m !== null; m = NON_ANSWER_TAG.exec(w)) open = m[1] === '' && startsLine(text, from + m.index);
  return open;
}

/** Whether a value is a template: it has string values and every one is a placeholder
 * (`{"name": "<full name>", "age": "<number>"}`, `{"email": "string"}`), and it is no JSON Schema (whose
 * `"type": "string"` is data). A template is an example, never an answer to prefer over data. */
function template(json: string): boolean {
  if (json.length > TEMPLATE_MAX || SCHEMA_KEYS.test(json) || !json.includes('"')) return false;
  let seen = 0;
  let other = 0;
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (PLACEHOLDER.test(v.trim())) seen++;
      else other++;
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  try {
    walk(JSON.parse(json));
  } catch {
    return false; // a candidate's JSON always parses; nothing to decide otherwise
  }
  return seen > 0 && other === 0;
}

/** The value text[start, end) with its strings blanked (what brokenOff and cutAtLine read). */
function outsideStrings(text: string, start: number, end: number): string {
  return text.slice(start, end).replace(STRING_LITERAL, (m) => ' '.repeat(m.length));
}

/** Where the search goes on after a value text[start, end) (`bare`: outsideStrings) broken off by a
 * retraction in its own text outside its strings, or -1 when there is none: the value ran on past the retraction's line into another
 * `{` or `[` (a repair of a broken-off draft swallowing what came next). The search resumes at the first
 * character after that line that is not white space. */
function brokenOff(text: string, start: number, end: number, bare: string): number {
  const m = INNER_RETRACTION.exec(bare);
  if (m === null) return -1;
  let from = lineEnd(text, start + m.index);
  if (!/[{[]/.test(text.slice(from, end))) return retractionLine(text, start, start + m.index) ? start + m.index + m[0].length : -1;
  while (from < end && /\s/.test(text[from]!)) from++;
  return from;
}

/** Whether the retraction at `at`, inside the value starting at `start`, opens a line of prose of its own
 * after the value's first line (not a key: `hmm: 2`): a draft cut at its line, the retraction read into it
 * as a member, and the value closed before the answer after it (`{"age": 3` then `Let me redo that:` then
 * `{"age": 36}`; trial 8): a draft even though its repair swallowed no bracket on a later line. The
 * search goes on right after the retraction (a value on its line, `Let me redo that: {…}`, is found). */
function retractionLine(text: string, start: number, at: number): boolean {
  const ls = lineStart(text, at);
  if (ls <= start || text.slice(ls, at).trim() !== '') return false;
  return !/^[\w$-]+\s*:/.test(text.slice(at, lineEnd(text, at)));
}

/** Where the search goes on after a draft cut at the end of the line of prose it started in, or -1: the
 * value text[start, end) starts after text on its line, is not closed on it (the line ends with neither
 * `,` nor an opener nor `:`, so the value does not go on there), and the next line starts with prose (a
 * word that is not a key, or any word when the value never closed) and holds a `{` or `[` the repair
 * swallowed: `Step 2: {"partial": 1` then `Final answer: {"a": 5}`. The search resumes at that line. */
function cutAtLine(text: string, start: number, end: number, bare: string, truncated: boolean): number {
  const own = text.slice(lineStart(text, start), start).trim() === '';
  const nl = bare.indexOf('\n');
  // the line's own last character (a string blanked in `bare` would show the comma before it)
  if (nl < 0 || /[,{[:]$/.test(text.slice(start, start + nl).trimEnd())) return -1;
  let from = start + nl + 1;
  while (from < end && /\s/.test(text[from]!)) from++;
  // a value that starts its own line (an indented code block's echo of broken JSON) is cut there only when
  // a blank line parts it from the prose (trial 15: `    {"user": {"id": 1, "name": "Bo"}`, a blank line,
  // `should be:`, and the fixed value read into the echo)
  if (own && !/\n[ \t]*\r?\n/.test(text.slice(start + nl, from))) return -1;
  const line = text.slice(from, lineEnd(text, from));
  if (!/^\p{L}/u.test(line) || /^(?:true|false|null)\b/.test(line)) return -1;
  if (!truncated && /^[A-Za-z_$][\w$-]*\s*:/.test(line)) return -1;
  // (there the value's repair may have ended before the next value, which would be its extra value: a
  // bracket anywhere after the prose line will do)
  if (own) return text.indexOf('{', from) >= 0 || text.indexOf('[', from) >= 0 ? from : -1;
  return /[{[]/.test(text.slice(from, end)) ? from : -1;
}

/** A line of prose after a value cut at the end of its own line (held text only; the repair read the
 * line into the value): where the value's text ends, or -1. The value starts after text on its line,
 * its first line holds no open string and does not go on (`,` `{` `[` `:` at its end), and the next line
 * is a sentence, conservatively: a capital letter, two words or more, no colon (`That: 1` and
 * `Note: it is.` may be keys), and `.` `!` or `?` at its end: `Here: {"a": 1` then `That is all.` (the
 * repair made it a key and a string). The value is read again up to its line's end; the rest is trailing. */
function proseAfterCut(text: string, start: number, end: number, bare: string): number {
  const own = text.slice(lineStart(text, start), start).trim() === '';
  const nl = bare.indexOf('\n');
  if (nl < 0 || /["'`]/.test(bare.slice(0, nl)) || /[,{[:]$/.test(text.slice(start, start + nl).trimEnd())) return -1;
  let from = start + nl + 1;
  while (from < end && /\s/.test(text[from]!)) from++;
  if (from >= end) return -1;
  const line = text.slice(from, lineEnd(text, from)).trimEnd();
  // a value that starts its own line: when a blank line parts it from words with no colon (any case, no
  // end mark: `{"a": 1`, a blank line, `the rest is missing`; trial 15 round 2: read in as a member)
  if (own) return /\n[ \t]*\r?\n/.test(text.slice(start + nl, from)) && /^\p{L}[^\s:]*\s+[^:]*$/u.test(line) ? start + nl : -1;
  return /^\p{Lu}[^\s:]*\s+[^:]*[.!?]$/u.test(line) ? start + nl : -1;
}

/** Whether candidate c is the rejected side of a preference stated with the candidate before it. */
function preferredOver(text: string, prev: Candidate, c: Candidate): boolean {
  if (prev.rank <= 0 || !PREFER_BETWEEN.test(text.slice(prev.end, c.start))) return false;
  return /(?:are|is) preferred/i.test(text.slice(prev.end, c.start)) || PREFER_LEAD.test(text.slice(Math.max(0, prev.start - PREFER_WINDOW), prev.start));
}

/** The candidates of one region, in order. */
function candidates(r: Region, index: number, sub: SubRun, work: { scanned: number }): Candidate[] {
  const seg = new Segment(r.text, r.at.offset, r.at.line, r.at.column);
  const found: Candidate[] = [];
  let from = 0;
  let restarts = 0;
  while (from < r.text.length) {
    // after a candidate, the spaces before the next one are the text's, not the value's: a sub-run keeps a
    // value's leading whitespace (valid JSON byte for byte), so `A: {} {"a": 1}` gave ` {"a": 1}`
    if (from > 0) {
      while (from < r.text.length && isSpace(r.text.charCodeAt(from))) from++;
      if (from === r.text.length) break;
    }
    const at = { offset: r.at.offset + from, line: seg.line(from), column: seg.column(from) };
    const res = sub(r.text.slice(from), at, from > 0);
    work.scanned += res.scanned;
    if (res.json === null || res.answerStart < 0) break;
    const start = res.answerStart - r.at.offset;
    const end = res.answerEnd < 0 ? r.text.length : res.answerEnd - r.at.offset;
    // a repaired value whose own text holds a retraction, or cut at its line of prose, is a broken-off
    // draft: never the answer, and the search goes on after it (its repair may have run on into the answer)
    let broken = -1;
    if (res.status !== 'VALID' && restarts < MAX_RESTARTS) {
      const bare = outsideStrings(r.text, start, end);
      broken = brokenOff(r.text, start, end, bare);
      if (broken < 0) broken = cutAtLine(r.text, start, end, bare, res.status === 'TRUNCATED');
    }
    if (broken < 0 && res.status !== 'VALID' && restarts < MAX_RESTARTS) {
      const cut = proseAfterCut(r.text, start, end, outsideStrings(r.text, start, end));
      if (cut >= 0) {
        // the value again, up to its line's end (once: the sub-run of its text before the cut)
        restarts++;
        const again = sub(r.text.slice(from, cut), at, from > 0);
        work.scanned += again.scanned;
        if (again.json !== null && again.answerStart >= 0) {
          found.push({ region: index, from, start, end: cut, json: again.json, rank: 0, res: again });
          from = cut;
          continue;
        }
      }
    }
    found.push({ region: index, from, start, end: broken < 0 ? end : broken, json: res.json, rank: broken < 0 ? 0 : -1, res });
    if (broken >= 0) {
      restarts++;
      from = broken;
      continue;
    }
    if (end <= from) break;
    from = end;
  }
  let best = 0; // the best rank before candidate k
  let head = 0; // the rank of the value that began the run of adjacent values candidate k may continue
  let headMarker: string | null = null; // its list item's marker kind ('' when it starts its line)
  const runs: Candidate[][] = []; // the runs of records, each from its first value
  for (let k = 0; k < found.length; k++) {
    const c = found[k];
    if (c.rank < 0) {
      c.rank = 0;
      continue;
    }
    const next = k + 1 < found.length ? found[k + 1].start : r.text.length;
    const lead = best >= 2 ? r.text.slice(Math.max(found[k - 1].end, c.start - LEAD_WINDOW), c.start) : null;
    const correcting = k > 0 && found[k - 1].rank > 0 && CORRECTING.test(r.text.slice(found[k - 1].end, c.start));
    c.rank = rank(r.text, c.start, c.end, c.json, r.text.slice(c.end, next), lead, correcting);
    if (k > 0 && c.rank > SECOND_CHOICE && preferredOver(r.text, found[k - 1], c)) c.rank = SECOND_CHOICE;
    // a value that starts its line right after the one before it, which started its own, nothing but white
    // space or a comma between (JSON Lines, records the model did not bracket), continues it: the first is
    // the answer, as in text that starts as JSON, and the others its extra values (finish.ts); before, the
    // last record won, VALID. Not after a value on a line of prose (`Your format: {"name": str}`, an echo)
    // (so does an item of a markdown list after the item before it: `1. {"name": "a"}\n2. {"name": "b"}`
    // gave the last item, VALID; trial 13)
    const starts = startsLine(r.text, c.start);
    // (the same kind of marker: a diff's `- {old}` / `+ {new}` lines are no list)
    const marker = starts ? '' : itemMarker(r.text.slice(lineStart(r.text, c.start), c.start));
    const between = k > 0 ? r.text.slice(found[k - 1].end, c.start) : '';
    if (k > 0 && head >= 2 && c.rank >= 2 && ((starts && headMarker === '' && ADJACENT.test(between)) || (marker !== null && marker !== '' && marker === headMarker && ADJACENT_ITEM.test(between)))) {
      c.rank = 0;
      runs[runs.length - 1].push(c);
    } else {
      head = starts || marker !== null ? c.rank : 0;
      headMarker = marker;
      if (head >= 2) runs.push([c]);
    }
    // a later attempt ("Attempt 2:", "Second pass:") replaces every value before it
    if (lead !== null && c.rank >= 2 && RETRY_LEAD.test(introduction(lead))) {
      for (let j = 0; j < k; j++) if (found[j].rank > CORRECTED_RANK) found[j].rank = CORRECTED_RANK;
    }
    best = Math.max(best, c.rank);
    // a correction after it ("Actually, …"): any later value of rank 2 or more is the answer instead
    if (c.rank > CORRECTED_RANK && CORRECTION.test(r.text.slice(c.end, Math.min(next, c.end + RETRACT_WINDOW)))) c.rank = CORRECTED_RANK;
  }
  for (const run of runs) if (run.length > 1) ordinalPick(r.text, run);
  echoedSchemas(r.text, found);
  echoedInput(r.text, found);
  recommendedOption(r.text, found);
  namedOption(r.text, found);
  diffLines(r.text, found);
  sseCutEvent(r.text, found);
  return found;
}

/** The `data:` field name of an SSE event alone before a value on its line. */
const SSE_FIELD = /^[ \t]*data:[ \t]*$/;

/** An SSE stream pasted with its last event cut by the end (trial 16's t16-ss-07: `data: {…"Hi"…}\n\n
 * data: {"choices":[{"del`): the cut event is the transport's, not an answer, when a whole event stands
 * before it: rank 0, never the answer (the last whole event is). A cut value after anything else still
 * wins as the last candidate (`Step 1: {"a": 1}\nStep 2: {"a": 1, "b": [1, 2`: a cut answer after drafts). */
function sseCutEvent(text: string, found: Candidate[]): void {
  const n = found.length;
  if (n < 2) return;
  const last = found[n - 1];
  if (last.rank <= 0 || last.res.status !== 'TRUNCATED' || !SSE_FIELD.test(text.slice(lineStart(text, last.start), last.start))) return;
  for (let k = n - 2; k >= 0; k--) {
    const c = found[k];
    if (c.rank > 0 && c.res.status !== 'TRUNCATED' && SSE_FIELD.test(text.slice(lineStart(text, c.start), c.start))) {
      last.rank = 0;
      return;
    }
  }
}

/** A diff's marker before a value on its line: `-` (removed) or `+` (added), nothing else before it. */
const DIFF_MARK = /^[ \t]*([-+])[ \t]*$/;

/** A diff's removed and added values (trial 13 round 2's t13r2-16: a `diff` fence whose `+ {…}` line came
 * before its `- {…}` line gave the `-` value, the last among equals): when values of rank 2 or more stand
 * on lines marked `+` and on lines marked `-`, each `-` one ranks as an alternative, so the added value
 * is the answer in either order. A lone `- {…}` (a bullet) is left as it was. */
function diffLines(text: string, found: Candidate[]): void {
  let plus = false;
  let minus = false;
  const marks: string[] = [];
  for (let k = 0; k < found.length; k++) {
    const c = found[k];
    const m = c.rank >= 2 ? DIFF_MARK.exec(text.slice(lineStart(text, c.start), c.start)) : null;
    const mark = m === null ? '' : m[1];
    marks.push(mark);
    if (mark === '+') plus = true;
    else if (mark === '-') minus = true;
  }
  if (!plus || !minus) return;
  for (let k = 0; k < found.length; k++) if (marks[k] === '-') found[k].rank = SECOND_CHOICE;
}

/** A pick of one record of a run by its place, in the sentence after the run (`I recommend the second.`,
 * `Go with the last one.`; trial 13: a list of two options then "I recommend the second" gave the first,
 * the run's head): words of a choice, then within 20 characters "the" and an ordinal. */
const ORDINAL_PICK = /\b(?:go with|recommend(?:ed)?|use|pick|choose|prefer|suggest|favou?rite|best (?:one|option|choice) is)\b[^.\n]{0,20}?(?:\bthe (first|second|third|fourth|fifth|last)\b|(?:#|\bnumber |\bno\. ?)([1-9])\b)/i;
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];
/** How much text after a run may hold its pick. */
const PICK_WINDOW = 200;

/** A run of records the text after it picks one of by its place: that one is the answer, ranked as the
 * run's first was, and the first an alternative. */
function ordinalPick(text: string, run: Candidate[]): void {
  const last = run[run.length - 1];
  const m = ORDINAL_PICK.exec(text.slice(last.end, last.end + PICK_WINDOW));
  if (m === null) return;
  // (or by its number in a numbered list: `My favourite is #2.`, trial 16)
  const word = m[1] === undefined ? '' : m[1].toLowerCase();
  const k = m[2] !== undefined ? Number(m[2]) - 1 : word === 'last' ? run.length - 1 : ORDINALS.indexOf(word);
  if (k <= 0 || k >= run.length) return;
  run[k].rank = run[0].rank;
  run[0].rank = SECOND_CHOICE;
}

/** Options the text names and then recommends one of (trial 9: `Option A (flat):` and a fence, `Option B
 * (nested):` and a fence, then `I'd go with Option A: …` gave B, the last among equals): when two or more
 * candidates of rank 2 or more are led in by a label of one word and a letter or number ("Option A",
 * "Variant 2", "**Approach B**") and the text outside them recommends one of those labels ("go with",
 * "recommend", "use", "pick", "choose", "prefer", "suggest" then the label within a few words), the other
 * labelled candidates rank as alternatives. */
function recommendedOption(text: string, found: Candidate[]): void {
  const labelled: { c: Candidate; label: string }[] = [];
  for (let k = 0; k < found.length; k++) {
    const c = found[k];
    // an option whose label names its case (`Option 2 (if you use MySQL):`) ranks as an alternative already
    // (trial 16: the recommended one then lost to the first); a recommendation still picks among them
    if (c.rank < 2 && c.rank !== SECOND_CHOICE) continue;
    const lead = text.slice(k === 0 ? Math.max(0, c.start - LEAD_WINDOW) : Math.max(found[k - 1].end, c.start - LEAD_WINDOW), c.start);
    const line = lead.replace(/`{3,}[ \t]*[\w+.-]*[ \t]*\n?[ \t]*$/, '').trimEnd();
    const m = OPTION_LABEL.exec(line.slice(line.lastIndexOf('\n') + 1));
    if (m !== null) labelled.push({ c, label: optionLabel(m[1], m[2]) });
  }
  if (labelled.length < 2 || !labelled.some((l) => l.c.rank >= 2 || l.c.rank === SECOND_CHOICE)) return;
  let outside = '';
  let at = 0;
  for (const c of found) {
    outside += `${text.slice(at, Math.max(at, c.start))}\n`;
    at = Math.max(at, c.end);
  }
  outside += text.slice(at);
  const m = OPTION_CHOSEN.exec(outside);
  if (m === null) return;
  const chosen = optionLabel(m[1], m[2]);
  const pick = labelled.find((l) => l.label === chosen);
  if (pick === undefined) return;
  // the recommended one ranks as the best of the options (2 at least: it was an alternative by its label)
  const top = Math.max(2, ...labelled.map((l) => l.c.rank));
  for (const l of labelled) if (l !== pick && l.c.rank > SECOND_CHOICE) l.c.rank = SECOND_CHOICE;
  pick.c.rank = top;
}

/** A label of one word leading in a value on its line (`- **Conservative:** {…}`, `Compact: {…}`), and a
 * recommendation that names one as "the … one" (`use the conservative one`, `I'd pick the compact option`). */
const WORD_LABEL = /^[ \t]*(?:[-*+]|\d{1,3}[.)])?[ \t]*[*_]{0,2}([A-Za-z][\w-]{1,30})[*_]{0,2}[ \t]*:[*_]{0,2}[ \t]*$/;
const WORD_CHOSEN = /\b(?:go with|recommend(?:ed)?|use|pick|choose|prefer|suggest)\b[^.\n]{0,20}?\bthe ([A-Za-z][\w-]{1,30}) (?:one|option|version|variant|preset|setting|profile|config(?:uration)?)\b/i;

/** Options labelled by a word on the value's own line, then one recommended as "the <label> one" (trial 16:
 * `- **Conservative:** {"temperature": 0.2}` … `- **Creative:** {"temperature": 1.2}`, then `For code
 * generation, use the conservative one.` gave the last, the labels no "Option N"): when two or more
 * candidates of rank 2 or more are led in so on their line and the text after the last names one of the
 * labels that way, the others rank as alternatives. */
function namedOption(text: string, found: Candidate[]): void {
  const labelled: { c: Candidate; label: string }[] = [];
  for (const c of found) {
    if (c.rank < 2) continue;
    const m = WORD_LABEL.exec(text.slice(lineStart(text, c.start), c.start));
    if (m !== null) labelled.push({ c, label: m[1].toLowerCase() });
  }
  if (labelled.length < 2) return;
  const last = labelled[labelled.length - 1].c;
  const m = WORD_CHOSEN.exec(text.slice(last.end, last.end + PICK_WINDOW));
  if (m === null) return;
  const pick = labelled.find((l) => l.label === m[1].toLowerCase());
  if (pick === undefined) return;
  for (const l of labelled) if (l !== pick && l.c.rank > SECOND_CHOICE) l.c.rank = SECOND_CHOICE;
}

/** A JSON Schema echoed before its instance (trial 9: `You asked for output matching:` and the schema in a
 * ```json fence, then `Result:` and `{"score": 0.87}` on its own line gave the schema, which outranked
 * it): a candidate that is a schema (an object whose `properties` is an object) ranks as an alternative when
 * a later candidate of rank 2 or more is an instance of it (an object, no schema itself, every key one of
 * the schema's properties) that is not led in as an example of it ("Example:", "It accepts objects like:";
 * a schema the user asked for, shown with an example). Schemas and instances are parsed only up to
 * TEMPLATE_MAX characters, and at most SCHEMAS_MAX schemas are kept, so the work stays linear. */
function echoedSchemas(text: string, found: Candidate[]): void {
  const schemas: { c: Candidate; props: Record<string, unknown>; followed: boolean }[] = [];
  for (let k = 0; k < found.length; k++) {
    const c = found[k];
    if (c.rank < 2 || c.json.length > TEMPLATE_MAX) continue;
    const v = parseObject(c.json);
    if (v === null) continue;
    if (SCHEMA_KEYS.test(c.json)) {
      const props = v.properties;
      if (schemas.length < SCHEMAS_MAX && props !== null && typeof props === 'object' && !Array.isArray(props) && Object.keys(props).length > 0) {
        const intro = introduction(text.slice(k === 0 ? Math.max(0, c.start - LEAD_WINDOW) : Math.max(found[k - 1].end, c.start - LEAD_WINDOW), c.start));
        schemas.push({ c, props: props as Record<string, unknown>, followed: SCHEMA_FOLLOWED.test(intro) });
      }
      continue;
    }
    const keys = Object.keys(v);
    if (keys.length === 0) continue;
    for (const sc of schemas) {
      if (sc.c.rank <= SECOND_CHOICE || !keys.every((key) => Object.prototype.hasOwnProperty.call(sc.props, key))) continue;
      if (!sc.followed && EXAMPLE_LEAD.test(text.slice(Math.max(sc.c.end, c.start - LEAD_WINDOW), c.start))) continue;
      sc.c.rank = SECOND_CHOICE;
    }
  }
}

/** The input echoed before the answer (`Input:` or `You gave me:` and the input in a ```json fence, then
 * `Output:` and the answer on its own lines, which lost to the fenced echo): a candidate of rank 2 or more
 * introduced as the input (ECHOED_INPUT, not naming an output or a correction) ranks as an alternative
 * when a later candidate of rank 2 or more follows it. (After an earlier candidate rank() says so already.) */
function echoedInput(text: string, found: Candidate[]): void {
  let later = false;
  for (let k = found.length - 1; k >= 0; k--) {
    const c = found[k];
    if (c.rank < 2) continue;
    if (later) {
      const intro = introduction(text.slice(k === 0 ? Math.max(0, c.start - LEAD_WINDOW) : Math.max(found[k - 1].end, c.start - LEAD_WINDOW), c.start));
      if (ECHOED_INPUT.test(intro) && !OUTPUT_NAMED.test(intro) && !CORRECTED.test(intro)) c.rank = SECOND_CHOICE;
    }
    later = true;
  }
}

function parseObject(json: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(json);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null; // a candidate's JSON always parses
  }
}

/** The answer among the candidates of `regions`, or null when they hold none. `known` keeps the
 * candidates of the first `closed` regions, which never change: a caller that asks again as the text
 * grows (tentative()) scans only the run still open. */
export function pickAnswer(
  regions: Region[],
  sub: SubRun,
  work: { scanned: number },
  known?: Map<Region, Candidate[]>,
  closed = 0,
): Candidate | null {
  let best: Candidate | null = null;
  regions.forEach((r, i) => {
    let found = known?.get(r);
    if (found === undefined) {
      found = candidates(r, i, sub, work);
      if (known !== undefined && i < closed) known.set(r, found);
    }
    for (const c of found) if (c.rank > 0 && (best === null || c.rank >= best.rank)) best = c;
  });
  return best ?? loneScalar(regions, sub, work);
}

/** A scalar that ends the held text on a line of its own: alone (`42`, `true`, `"ok"`), after a short
 * label's colon (`Answer: -1`, `**Result:** "ok"`), or as the line's only inline code span (`` `false` ``).
 * Its string is at most SCALAR_STRING_MAX characters and no sentence (a quotation ending with `.` `!` `?`). */
const LONE_SCALAR = /(?:^|\n)([ \t]*(?:[*_]{0,2}\p{L}[\p{L}\p{N} _-]{0,39}:[*_]{0,2}[ \t]*)?`?)(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|"[^"\\\n]{0,64}")(`?)[ \t]*\s*$/u;

/** A number written with thousands separators after a short label's colon, ending the held text
 * (t15r2-20: `Total: 1,234` was FAILED): 1-3 digits, then groups of a comma and exactly 3 digits, an
 * optional fraction; the label is required (a bare `1,234` line stays two values' worth of prose). */
const LABEL_GROUPED = /(?:^|\n)([ \t]*[*_]{0,2}\p{L}[\p{L}\p{N} _-]{0,39}:[*_]{0,2}[ \t]*`?)(-?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?)(`?)[ \t]*\s*$/u;

/** A line that is a keyword alone (`true`, `false`, `null`). */
const LONE_KEYWORD = /((?:^|\n)[ \t]*)(true|false|null)[ \t]*(?=\r?\n|$)/g;

/** The answer of held text with no candidate (trial 15: `The count is:\n\n42`, `Answer: null`,
 * `Is 17 prime?\n\ntrue` were FAILED, NO_JSON; a text that is only a scalar gave it already): a scalar
 * ending the last run on a line of its own (LONE_SCALAR), its backticks matched, a string no sentence.
 * Only where nothing else could be the answer, so no value a text holds loses to it. */
function loneScalar(regions: Region[], sub: SubRun, work: { scanned: number }): Candidate | null {
  const index = regions.length - 1;
  if (index < 0) return null;
  const r = regions[index];
  let value: string;
  let from: number;
  const m = LONE_SCALAR.exec(r.text);
  const g = m === null ? LABEL_GROUPED.exec(r.text) : null;
  if (g !== null) return groupedScalar(r, index, g, sub, work);
  if (m !== null) {
    if (m[1].endsWith('`') !== (m[3] === '`')) return null;
    value = m[2];
    if (value.charCodeAt(0) === 34 && /[.!?]"$/.test(value)) return null;
    from = m.index + (m[0].charCodeAt(0) === 10 ? 1 : 0) + m[1].length;
  } else {
    // else the one line in it that is a keyword alone, prose after it (`The user is an adult.\n\nfalse\n\nLet
    // me know …`; trial 15 round 2); two such lines are no answer
    LONE_KEYWORD.lastIndex = 0;
    const k = LONE_KEYWORD.exec(r.text);
    if (k === null || LONE_KEYWORD.exec(r.text) !== null) return null;
    value = k[2];
    from = k.index + k[1].length;
  }
  const seg = new Segment(r.text, r.at.offset, r.at.line, r.at.column);
  const res = sub(value, { offset: r.at.offset + from, line: seg.line(from), column: seg.column(from) }, false);
  work.scanned += res.scanned;
  if (res.json === null || res.answerStart < 0 || res.status !== 'VALID') return null;
  return { region: index, from, start: from, end: from + value.length, json: res.json, rank: 2, res };
}

/** `Total: 1,234` (LABEL_GROUPED matched `g` in the last held run): the number without its separators,
 * repair kind `thousands_separator` over the number (as in an object's value), status REPAIRED. */
function groupedScalar(r: Region, index: number, g: RegExpExecArray, sub: SubRun, work: { scanned: number }): Candidate | null {
  if (g[1].endsWith('`') !== (g[3] === '`')) return null;
  const raw = g[2];
  const value = raw.replace(/,/g, '');
  const from = g.index + (g[0].charCodeAt(0) === 10 ? 1 : 0) + g[1].length;
  const seg = new Segment(r.text, r.at.offset, r.at.line, r.at.column);
  const at: Position = { offset: r.at.offset + from, line: seg.line(from), column: seg.column(from) };
  const res = sub(value, at, false);
  work.scanned += res.scanned;
  if (res.json !== value || res.answerStart < 0 || res.status !== 'VALID') return null;
  const repair: Repair = { kind: 'thousands_separator', ...at, length: raw.length, replacement: value, message: REPAIR_MESSAGES.thousands_separator };
  const fixed = { ...res, status: 'REPAIRED' as const, repairs: [repair] };
  return { region: index, from, start: from, end: from + raw.length, json: value, rank: 2, res: fixed };
}
