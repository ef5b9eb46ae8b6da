/**
 * StreamFix Chat in Answer mode (no badge there): an answer the model ended at its token limit says so
 * under it. Runs after the ordered files (index.ts ORDER): its strip-mode request to demo/truncated would
 * change that model's TRUNCATED rate, which filters.ui checks in the Models view.
 */
import { strict as assert } from 'node:assert';
import { getApi } from './helpers';
import { texts, ui } from './ui';

async function ask(model: string, prompt: string): Promise<void> {
  await ui({ op: 'command', title: 'StreamFix: Open Chat' });
  await ui({ op: 'select', frame: 'chat', selector: '#model', value: model });
  await ui({ op: 'select', frame: 'chat', selector: '#mode', value: 'answer' });
  await ui({ op: 'fill', frame: 'chat', selector: '#prompt', value: prompt });
  await ui({ op: 'press', frame: 'chat', selector: '#prompt', key: 'Enter' });
  await ui({ op: 'waitFor', frame: 'chat', selector: '.turn:last-child.done', hasText: prompt });
}

describe('StreamFix Chat: an answer cut at the token limit (through the UI)', () => {
  it('says "cut off" under an Answer-mode answer the model ended at its token limit, and nothing under a whole one', async () => {
    await (await getApi()).whenRunning();
    await ask('demo/truncated', 'Items as text, cut off');
    assert.deepEqual(await texts('chat', '.turn:last-child .foot .cut'), ['cut off: the model reached its token limit']);
    assert.deepEqual(await texts('chat', '.turn:last-child .badge'), []);
    await ask('demo/clean', 'A whole answer');
    assert.deepEqual(await texts('chat', '.turn:last-child .foot .cut'), []);
  });
});
