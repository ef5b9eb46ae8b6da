/** count_tokens' estimate over what the translation sends, documents included (characters / 4, rounded up). */
import { strict as assert } from 'node:assert';
import { estimateInputTokens, TOKENS_PER_IMAGE } from '../../../server/anthropic/countTokens';

describe('messages: the input token estimate counts documents', () => {
  it('a text source by its data, a content source by its blocks (an image at its flat rate), a PDF by its base64, a PDF URL as nothing', () => {
    const doc = (source: unknown) => ({ type: 'document', source });
    const body = {
      messages: [
        {
          role: 'user',
          content: [
            doc({ type: 'text', media_type: 'text/plain', data: 'twelve chars' }), // 12
            doc({ type: 'content', content: [{ type: 'text', text: 'abcd' }, { type: 'image', source: { type: 'url', url: 'https://x.test/a.png' } }] }), // 4 + an image
            doc({ type: 'content', content: 'xy' }), // 2
            doc({ type: 'base64', media_type: 'application/pdf', data: 'JVBERi0x' }), // 8
            doc({ type: 'url', url: 'https://x.test/a.pdf' }), // 0
          ],
        },
      ],
    };
    assert.equal(estimateInputTokens(body), Math.ceil((12 + 4 + 2 + 8) / 4) + TOKENS_PER_IMAGE);
  });

  it('a document inside a tool_result counts the same', () => {
    const body = { messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: [{ type: 'document', source: { type: 'content', content: [{ type: 'text', text: 'abcdefgh' }] } }] }] }] };
    assert.equal(estimateInputTokens(body), 2);
  });
});
