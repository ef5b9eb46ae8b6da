import { strict as assert } from 'node:assert';
import { repairsMarkdown } from '../../client/participantText';
import type { Artifact } from '../../shared/protocol';
import type { Repair, Stripped } from '../../shared/engine/types';

type Shown = Parameters<typeof repairsMarkdown>[0];
const artifact = (over: Partial<Shown>): Shown => ({ status: 'VALID', model: 'm', mode: 'repair', repairs: [], stripped: [], reasoning: '', ...over });
const comma: Repair = { kind: 'trailing_comma', offset: 7, line: 0, column: 7, length: 1, replacement: '', message: 'Trailing comma removed' };
const think = (text: string): Stripped => ({ kind: 'reasoning', offset: 0, length: text.length, line: 0, column: 0, text });

describe('the @streamfix participant says what the check found, never more', () => {
  it('a JSON answer: the badge\'s words, the repairs with their positions, the reasoning moved out', () => {
    assert.equal(repairsMarkdown(artifact({ status: 'REPAIRED', repairs: [comma] })), '\n\n**StreamFix** REPAIRED · model m · mode repair\n\nrepaired: 1 trailing comma\n\n- line 1, column 8: Trailing comma removed\n');
    assert.equal(repairsMarkdown(artifact({ stripped: [think('<think>hm</think>')], reasoning: 'hm' })), '\n\n**StreamFix** VALID · model m · mode repair\n\nJSON: no repairs needed; stripped a think block\n\nReasoning moved out of the answer: 2 characters\n');
  });

  it('no "No repairs needed" for what was not parsed: a strip-mode text, a failed answer, passthrough', () => {
    // before: "No repairs needed" under each
    assert.equal(repairsMarkdown(artifact({ status: 'TEXT', mode: 'strip' })), '\n\n**StreamFix** TEXT · model m · mode strip\n\nsent as text, not parsed as JSON (strip mode)\n');
    assert.equal(repairsMarkdown(artifact({ status: 'TEXT', mode: 'strip', stripped: [think('<think>x</think>')], reasoning: 'x' })), '\n\n**StreamFix** TEXT · model m · mode strip\n\nsent as text, not parsed as JSON (strip mode); stripped a think block\n\nReasoning moved out of the answer: 1 characters\n');
    assert.equal(repairsMarkdown(artifact({ status: 'FAILED' })), '\n\n**StreamFix** FAILED · model m · mode repair\n\nfailed: no JSON in the answer, shown as sent\n');
    assert.equal(repairsMarkdown(artifact({ status: 'PASSTHROUGH', mode: 'passthrough' } as Partial<Artifact>)), '\n\n**StreamFix** PASSTHROUGH · model m · mode passthrough\n\nnothing checked (passthrough mode)\n');
  });
});
