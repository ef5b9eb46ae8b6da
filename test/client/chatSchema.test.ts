import { strict as assert } from 'node:assert';
import { jsonSystemPrompt, noSchemaError, schemaFile, schemaFootText, schemaName } from '../../client/chatSchema';

/** The runtime's own words for `text` (Node 20 and 24 word JSON.parse's errors differently). */
function parseError(text: string): string {
  try {
    JSON.parse(text);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`${text} parses`);
}

describe('client/chatSchema (StreamFix Chat JSON Schema mode)', () => {
  it('names the schema after its file, within what OpenAI allows in json_schema.name', () => {
    assert.equal(schemaName('schemas/person.schema.json'), 'person');
    assert.equal(schemaName('order.json'), 'order');
    assert.equal(schemaName('a\\b\\Invoice Line.SCHEMA.JSON'), 'Invoice_Line');
    assert.equal(schemaName('größe.json'), 'gr__e');
    assert.equal(schemaName('.json'), 'schema');
    assert.equal(schemaName(`${'x'.repeat(70)}.json`), 'x'.repeat(64));
  });

  it('reads a schema file into response_format.json_schema: an object, kept as written', () => {
    assert.deepEqual(schemaFile('schemas/person.schema.json', '{"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}'), {
      name: 'person',
      schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
    });
  });

  it('refuses a file that is not JSON, or not an object, with a clear error (nothing is sent)', () => {
    const text = '{"type": "object",}';
    assert.deepEqual(schemaFile('bad.schema.json', text), {
      message: `The schema file bad.schema.json is not JSON (${parseError(text)}); nothing was sent. Fix the file or pick another with Schema…, then retry.`,
      actions: ['retry'],
    });
    const notObject = (value: string) => schemaFile('list.json', value);
    assert.deepEqual(notObject('[{"type": "string"}]'), {
      message: 'The schema file list.json holds an array, not a JSON Schema object; nothing was sent. Fix the file or pick another with Schema…, then retry.',
      actions: ['retry'],
    });
    assert.equal((notObject('true') as { message: string }).message.slice(0, 43), 'The schema file list.json holds a boolean, ');
    assert.equal((notObject('null') as { message: string }).message.slice(0, 37), 'The schema file list.json holds null,');
    assert.equal((notObject('"x"') as { message: string }).message.slice(0, 42), 'The schema file list.json holds a string, ');
    assert.equal((notObject('') as { message: string }).message, `The schema file list.json is not JSON (${parseError('')}); nothing was sent. Fix the file or pick another with Schema…, then retry.`);
    assert.deepEqual(noSchemaError(), { message: 'JSON Schema mode needs a schema: pick a JSON file with Schema… beside the mode, then retry.', actions: ['retry'] });
  });

  it('asks for the schema in the system message (JSON mode keeps its own)', () => {
    assert.equal(jsonSystemPrompt(), 'Answer with one JSON object and nothing else.');
    assert.equal(
      jsonSystemPrompt({ name: 'person', schema: { type: 'object', required: ['name'] } }),
      'Answer with one JSON value and nothing else. It must follow this JSON Schema ("person"):\n{"type":"object","required":["name"]}',
    );
  });

  it('says under the answer what the artifact\'s schema check found: valid, the first error and how many more', () => {
    assert.equal(schemaFootText(undefined), null);
    assert.equal(schemaFootText({ valid: true, errors: [] }), 'schema: valid');
    assert.equal(schemaFootText({ valid: false, errors: [{ path: '/age', message: 'must be integer' }] }), 'schema: invalid — /age: must be integer');
    assert.equal(
      schemaFootText({ valid: false, errors: [{ path: '', message: "must have required property 'name'" }, { path: '/age', message: 'must be integer' }, { path: '/tags/0', message: 'must be string' }] }),
      "schema: invalid — (the value): must have required property 'name' (+2 more)",
    );
    assert.equal(schemaFootText({ valid: null, error: 'the pattern engine (RE2) failed', errors: [] }), 'schema: the check could not run — the pattern engine (RE2) failed');
    assert.equal(schemaFootText({ valid: false, errors: [] }), 'schema: invalid');
  });
});
