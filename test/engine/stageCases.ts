/**
 * The reasoning stage's behaviour table (split into content and reasoning): run by the splitter at
 * every split point (reasoning.test.ts) and through the gateway's strip mode (gateway/reasoning.test.ts).
 */
import type { Stripped } from '../../shared/engine';

export interface StageCase {
  name: string;
  input: string;
  content: string;
  reasoning: string;
  /** [kind, offset, length, line, column] */
  stripped: [Stripped['kind'], number, number, number, number][];
  /** The output in input order, adjacent pieces of one kind joined: [kind, text]. The same at every
   * split into chunks (pieces of one kind from consecutive pushes joined). */
  pieces: ['content' | 'reasoning', string][];
  holdProse?: number;
}

export const STAGE_CASES: StageCase[] = [
  { name: 'a think block', input: '<think>plan</think>{"a":1}', content: '{"a":1}', reasoning: 'plan', stripped: [['reasoning', 0, 19, 0, 0]], pieces: [['reasoning', 'plan'], ['content', '{"a":1}']] },
  { name: 'a thinking block', input: '<thinking>p</thinking>\n[1]', content: '\n[1]', reasoning: 'p', stripped: [['reasoning', 0, 22, 0, 0]], pieces: [['reasoning', 'p'], ['content', '\n[1]']] },
  { name: 'a reasoning block', input: '<reasoning>hmm</reasoning>{"a":1}', content: '{"a":1}', reasoning: 'hmm', stripped: [['reasoning', 0, 26, 0, 0]], pieces: [['reasoning', 'hmm'], ['content', '{"a":1}']] },
  { name: 'a thought block', input: '<thought>x</thought>ok', content: 'ok', reasoning: 'x', stripped: [['reasoning', 0, 20, 0, 0]], pieces: [['reasoning', 'x'], ['content', 'ok']] },
  { name: 'a scratchpad block (any case, attributes)', input: '<Scratchpad id="1">Maybe {"a": 1}</SCRATCHPAD>\n<answer>{"a": 2}</answer>', content: '\n<answer>{"a": 2}</answer>', reasoning: 'Maybe {"a": 1}', stripped: [['reasoning', 0, 46, 0, 0]], pieces: [['reasoning', 'Maybe {"a": 1}'], ['content', '\n<answer>{"a": 2}</answer>']] },
  { name: 'a lone closing scratchpad tag', input: 'Maybe {"a": 1}</scratchpad>{"a": 2}', content: '{"a": 2}', reasoning: 'Maybe {"a": 1}', stripped: [['reasoning', 0, 27, 0, 0]], pieces: [['reasoning', 'Maybe {"a": 1}'], ['content', '{"a": 2}']] },
  { name: 'any case', input: '<THINK>x</Think>{}', content: '{}', reasoning: 'x', stripped: [['reasoning', 0, 16, 0, 0]], pieces: [['reasoning', 'x'], ['content', '{}']] },
  { name: 'an opening tag with attributes', input: '<think type="deep">a</think>{}', content: '{}', reasoning: 'a', stripped: [['reasoning', 0, 28, 0, 0]], pieces: [['reasoning', 'a'], ['content', '{}']] },
  { name: 'a closing tag of another name does not close the block', input: '<think>a</thinking>b</think>c', content: 'c', reasoning: 'a</thinking>b', stripped: [['reasoning', 0, 28, 0, 0]], pieces: [['reasoning', 'a</thinking>b'], ['content', 'c']] },
  { name: 'a lone closing tag: the prose before it was reasoning', input: 'The user wants a list.\n</think>\n[1, 2]', content: '\n[1, 2]', reasoning: 'The user wants a list.', stripped: [['reasoning', 0, 31, 0, 0]], pieces: [['reasoning', 'The user wants a list.'], ['content', '\n[1, 2]']] },
  { name: 'a lone closing tag after a draft', input: 'Sketch: {"draft": true} No wait.</think>{"a": 1}', content: '{"a": 1}', reasoning: 'Sketch: {"draft": true} No wait.', stripped: [['reasoning', 0, 40, 0, 0]], pieces: [['reasoning', 'Sketch: {"draft": true} No wait.'], ['content', '{"a": 1}']] },
  { name: 'a lone closing tag of each name', input: 'p</reasoning>q', content: 'q', reasoning: 'p', stripped: [['reasoning', 0, 13, 0, 0]], pieces: [['reasoning', 'p'], ['content', 'q']] },
  { name: 'an unclosed block cut by the end', input: 'ok\n<think>still thinking </thin', content: 'ok\n', reasoning: 'still thinking </thin', stripped: [['reasoning', 3, 28, 1, 0]], pieces: [['content', 'ok\n'], ['reasoning', 'still thinking </thin']] },
  { name: 'a tag inside a JSON string value is text', input: '{"note": "use <think> tags"}', content: '{"note": "use <think> tags"}', reasoning: '', stripped: [], pieces: [['content', '{"note": "use <think> tags"}']] },
  { name: 'a closing tag inside a JSON string value is text', input: '{"n": "a </think> b"}', content: '{"n": "a </think> b"}', reasoning: '', stripped: [], pieces: [['content', '{"n": "a </think> b"}']] },
  { name: 'a tag that is not reasoning is text', input: 'a <b>bold</b> <thinker>', content: 'a <b>bold</b> <thinker>', reasoning: '', stripped: [], pieces: [['content', 'a <b>bold</b> <thinker>']] },
  { name: 'a partial tag at the end is text', input: 'a <thi', content: 'a <thi', reasoning: '', stripped: [], pieces: [['content', 'a <thi']] },
  { name: 'two blocks and text between', input: 'Hi <think>a {b} "c"</think>{"x": 1}\n<thinking>more</thinking> tail', content: 'Hi {"x": 1}\n tail', reasoning: 'a {b} "c"more', stripped: [['reasoning', 3, 24, 0, 3], ['reasoning', 36, 25, 1, 0]], pieces: [['content', 'Hi '], ['reasoning', 'a {b} "c"'], ['content', '{"x": 1}\n'], ['reasoning', 'more'], ['content', ' tail']] },
  {
    name: 'harmony: analysis is reasoning, final is the answer',
    input: '<|start|>assistant<|channel|>analysis<|message|>Need JSON.<|end|><|start|>assistant<|channel|>final<|message|>{"a": 1}<|return|>',
    content: '{"a": 1}',
    reasoning: 'Need JSON.',
    stripped: [['reasoning', 0, 65, 0, 0], ['wrapper', 65, 45, 0, 65], ['wrapper', 118, 10, 0, 118]],
    pieces: [['reasoning', 'Need JSON.'], ['content', '{"a": 1}']],
  },
  { name: 'harmony without the start marker', input: '<|channel|>analysis<|message|>x<|end|><|channel|>final<|message|>[1]', content: '[1]', reasoning: 'x', stripped: [['reasoning', 0, 38, 0, 0], ['wrapper', 38, 27, 0, 38]], pieces: [['reasoning', 'x'], ['content', '[1]']] },
  { name: 'an unknown harmony-like token is text', input: 'a <|foo|> b', content: 'a <|foo|> b', reasoning: '', stripped: [], pieces: [['content', 'a <|foo|> b']] },
  { name: 'prose held past the bound is content; a later lone tag only goes', input: 'abcdefghij</think>x', holdProse: 5, content: 'abcdefghijx', reasoning: '', stripped: [['reasoning', 10, 8, 0, 10]], pieces: [['content', 'abcdefghijx']] },
  { name: 'prose within the bound before a lone tag is reasoning', input: 'abcde</think>x', holdProse: 5, content: 'x', reasoning: 'abcde', stripped: [['reasoning', 0, 13, 0, 0]], pieces: [['reasoning', 'abcde'], ['content', 'x']] },
  // held prose (it started with a letter) is decided by a block's opening tag: content, before the block
  { name: 'held prose, then a block, then prose (trial2 F7)', input: 'Step one.\n\n<think>\nreal reasoning\n</think>\nStep two.', content: 'Step one.\n\n\nStep two.', reasoning: '\nreal reasoning\n', stripped: [['reasoning', 11, 31, 2, 0]], pieces: [['content', 'Step one.\n\n'], ['reasoning', '\nreal reasoning\n'], ['content', '\nStep two.']] },
  { name: 'a block in the middle of a sentence', input: 'You can wrap reasoning in <think>like this</think> tags', content: 'You can wrap reasoning in  tags', reasoning: 'like this', stripped: [['reasoning', 26, 24, 0, 26]], pieces: [['content', 'You can wrap reasoning in '], ['reasoning', 'like this'], ['content', ' tags']] },
  // whitespace alone is held to the block's end and goes after it (no text of only whitespace before a thinking block)
  { name: 'held whitespace before a block goes after it', input: '\n<think>x</think>answer', content: '\nanswer', reasoning: 'x', stripped: [['reasoning', 1, 16, 1, 0]], pieces: [['reasoning', 'x'], ['content', '\nanswer']] },
  { name: 'whitespace past the hold before a block goes before it', input: '      <think>x</think>a', holdProse: 5, content: '      a', reasoning: 'x', stripped: [['reasoning', 6, 16, 0, 6]], pieces: [['content', '      '], ['reasoning', 'x'], ['content', 'a']] },
  { name: 'whitespace between two blocks goes after the second', input: 'a<think>x</think>\n\n<think>y</think>b', content: 'a\n\nb', reasoning: 'xy', stripped: [['reasoning', 1, 16, 0, 1], ['reasoning', 19, 16, 2, 0]], pieces: [['content', 'a'], ['reasoning', 'xy'], ['content', '\n\nb']] },
  { name: 'held prose before harmony analysis goes before it', input: 'Intro. <|channel|>analysis<|message|>x<|end|>done', content: 'Intro. done', reasoning: 'x', stripped: [['reasoning', 7, 38, 0, 7]], pieces: [['content', 'Intro. '], ['reasoning', 'x'], ['content', 'done']] },
  { name: 'an empty block between held prose and more', input: 'a<think></think>b', content: 'ab', reasoning: '', stripped: [['reasoning', 1, 15, 0, 1]], pieces: [['content', 'ab']] },
  { name: 'prose held past the bound, then a block', input: 'abcdefg<think>r</think>h', holdProse: 5, content: 'abcdefgh', reasoning: 'r', stripped: [['reasoning', 7, 16, 0, 7]], pieces: [['content', 'abcdefg'], ['reasoning', 'r'], ['content', 'h']] },
  // markdown code: a tag an answer mentions (inline code, a fenced example) is text, not a block
  { name: 'a tag in an inline code span is text', input: 'Wrap it in `<think>` tags, then parse.', content: 'Wrap it in `<think>` tags, then parse.', reasoning: '', stripped: [], pieces: [['content', 'Wrap it in `<think>` tags, then parse.']] },
  { name: 'a closing tag in an inline code span is text', input: 'Use `</think>` as the end marker.', content: 'Use `</think>` as the end marker.', reasoning: '', stripped: [], pieces: [['content', 'Use `</think>` as the end marker.']] },
  { name: 'a tag in a double-backtick span is text', input: 'Write ``<thinking>`` as is.', content: 'Write ``<thinking>`` as is.', reasoning: '', stripped: [], pieces: [['content', 'Write ``<thinking>`` as is.']] },
  { name: 'tags in a fenced block are text', input: 'Example:\n```\n<think>plan</think>\n{"a": 1}\n```\nDone.', content: 'Example:\n```\n<think>plan</think>\n{"a": 1}\n```\nDone.', reasoning: '', stripped: [], pieces: [['content', 'Example:\n```\n<think>plan</think>\n{"a": 1}\n```\nDone.']] },
  { name: 'a tag after a closed code span is a tag', input: '`x` <think>y</think>z', content: '`x` z', reasoning: 'y', stripped: [['reasoning', 4, 16, 0, 4]], pieces: [['content', '`x` '], ['reasoning', 'y'], ['content', 'z']] },
  { name: 'a tag after a closed fence is a tag', input: '```\nx\n```\n<think>y</think>z', content: '```\nx\n```\nz', reasoning: 'y', stripped: [['reasoning', 10, 16, 3, 0]], pieces: [['content', '```\nx\n```\n'], ['reasoning', 'y'], ['content', 'z']] },
  { name: 'an inline code span ends at the line end: a stray backtick does not hide the next line', input: 'a ` b\n<think>y</think>z', content: 'a ` b\nz', reasoning: 'y', stripped: [['reasoning', 6, 16, 1, 0]], pieces: [['content', 'a ` b\n'], ['reasoning', 'y'], ['content', 'z']] },
  { name: 'a run of another length does not close a span', input: '``a`<think>b</think>``<think>c</think>d', content: '``a`<think>b</think>``d', reasoning: 'c', stripped: [['reasoning', 22, 16, 0, 22]], pieces: [['content', '``a`<think>b</think>``'], ['reasoning', 'c'], ['content', 'd']] },
  // a fence opens only at a line's start (or as a mid-line ```json that ends its line); any other run is an
  // inline span that closes at a run of its length on its line, or was literal text (issue 8, trial leftover)
  { name: 'a lone ``` in the middle of a line is literal: a block on a later line is a block', input: 'Use ``` to open a fence.\n<think>plan</think>\n{"a": 1}', content: 'Use ``` to open a fence.\n\n{"a": 1}', reasoning: 'plan', stripped: [['reasoning', 25, 19, 1, 0]], pieces: [['content', 'Use ``` to open a fence.\n'], ['reasoning', 'plan'], ['content', '\n{"a": 1}']] },
  { name: 'a ``` span that never closes on its line: a block after it on the line is a block', input: 'Type ``` then <think>x</think>{"a":1}', content: 'Type ``` then {"a":1}', reasoning: 'x', stripped: [['reasoning', 14, 16, 0, 14]], pieces: [['content', 'Type ``` then '], ['reasoning', 'x'], ['content', '{"a":1}']] },
  { name: 'a ``` span closed on its line hides the tag in it', input: 'Write ```<think>``` as is, <think>y</think>z', content: 'Write ```<think>``` as is, z', reasoning: 'y', stripped: [['reasoning', 27, 16, 0, 27]], pieces: [['content', 'Write ```<think>``` as is, '], ['reasoning', 'y'], ['content', 'z']] },
  { name: 'a run of another length does not close a ``` span', input: 'a ``` <think>x`` y\nb', content: 'a ``` ', reasoning: 'x`` y\nb', stripped: [['reasoning', 6, 14, 0, 6]], pieces: [['content', 'a ``` '], ['reasoning', 'x`` y\nb']] },
  { name: 'a mid-line ```json ending its line opens a fence', input: 'Here it is: ```json\n<think>x</think>\n```\n<think>y</think>z', content: 'Here it is: ```json\n<think>x</think>\n```\nz', reasoning: 'y', stripped: [['reasoning', 41, 16, 3, 0]], pieces: [['content', 'Here it is: ```json\n<think>x</think>\n```\n'], ['reasoning', 'y'], ['content', 'z']] },
  { name: 'a mid-line ``` followed by two words is no fence', input: 'Reply ``` as json\n<think>y</think>z', content: 'Reply ``` as json\nz', reasoning: 'y', stripped: [['reasoning', 18, 16, 1, 0]], pieces: [['content', 'Reply ``` as json\n'], ['reasoning', 'y'], ['content', 'z']] },
  { name: 'a fence opens after up to 3 spaces at a line start, with any info string', input: 'x\n   ``` some info\n<think>a</think>\n```\n<think>b</think>c', content: 'x\n   ``` some info\n<think>a</think>\n```\nc', reasoning: 'b', stripped: [['reasoning', 40, 16, 4, 0]], pieces: [['content', 'x\n   ``` some info\n<think>a</think>\n```\n'], ['reasoning', 'b'], ['content', 'c']] },
  { name: 'a backtick on a fence\'s opening line makes it an inline span', input: '```{"a": 1}``` <think>x</think>', content: '```{"a": 1}``` ', reasoning: 'x', stripped: [['reasoning', 15, 16, 0, 15]], pieces: [['content', '```{"a": 1}``` '], ['reasoning', 'x']] },
  { name: 'backticks in a JSON string open no fence for the text after the value', input: '{"a": "```"} <think>x</think>', content: '{"a": "```"} ', reasoning: 'x', stripped: [['reasoning', 13, 16, 0, 13]], pieces: [['content', '{"a": "```"} '], ['reasoning', 'x']] },
  { name: 'text that starts as JSON is not held: a lone tag after it only goes', input: '{"a": 1} </think> ok', content: '{"a": 1}  ok', reasoning: '', stripped: [['reasoning', 9, 8, 0, 9]], pieces: [['content', '{"a": 1}  ok']] },  // a `[` that starts a log line's prefix is prose, as in the engine (runStart.ts; trial 6)
  { name: "a log prefix starting the text is prose: a lone closing tag makes it reasoning (as in the engine)", input: "[INFO] plan</think>{\"a\":1}", content: "{\"a\":1}", reasoning: "[INFO] plan", stripped: [["reasoning", 0, 19, 0, 0]], pieces: [["reasoning","[INFO] plan"],["content","{\"a\":1}"]] },
  { name: "a timestamp prefix starting the text is prose too", input: "[2026-11-30 14:02:11] plan\n</think>\n{\"a\": 1}", content: "\n{\"a\": 1}", reasoning: "[2026-11-30 14:02:11] plan", stripped: [["reasoning", 0, 35, 0, 0]], pieces: [["reasoning","[2026-11-30 14:02:11] plan"],["content","\n{\"a\": 1}"]] },
  { name: "a bracket and a keyword's prefix undecided at a lone tag are JSON: only the tag goes (as in the engine)", input: "[tru</think>{\"a\":1}", content: "[tru{\"a\":1}", reasoning: "", stripped: [["reasoning", 4, 8, 0, 4]], pieces: [["content","[tru{\"a\":1}"]] },
  { name: "an array of keywords starting the text is not held", input: "[true, null] </think> ok", content: "[true, null]  ok", reasoning: "", stripped: [["reasoning", 13, 8, 0, 13]], pieces: [["content","[true, null]  ok"]] },
];

