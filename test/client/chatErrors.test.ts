import { strict as assert } from 'node:assert';
import { chatErrorFrom, daemonDownError, isDemoModel, missingKeyError, repairsBadge } from '../../client/chatErrors';
import type { Repair, Stripped } from '../../shared/engine/types';

const repair = (kind: Repair['kind']): Repair => ({ kind, offset: 0, line: 0, column: 0, length: 1, replacement: '', message: kind });

describe('client/chatErrors', () => {
  it('tells demo models from models that need a key', () => {
    assert.equal(isDemoModel('demo/clean'), true);
    assert.equal(isDemoModel('openai/gpt-4o-mini'), false);
  });

  it('offers Set Key for a model that needs an OpenRouter key', () => {
    assert.deepEqual(missingKeyError('openai/gpt-4o-mini'), {
      message: 'No OpenRouter API key is set, so "openai/gpt-4o-mini" cannot answer (without a key only the demo/* models do). Set a key, or pick a demo model.',
      actions: ['setKey'],
    });
  });

  it('offers Restart Daemon when the daemon is down or the gateway does not answer', () => {
    assert.deepEqual(daemonDownError('failed'), { message: 'The StreamFix daemon is not running (failed). Restart it, then retry.', actions: ['restartDaemon', 'retry'] });
    assert.deepEqual(chatErrorFrom({ message: 'cannot reach the StreamFix gateway: fetch failed', status: null, code: 'UNREACHABLE' }), {
      message: 'The StreamFix gateway does not answer (cannot reach the StreamFix gateway: fetch failed). Restart the daemon, then retry.',
      actions: ['restartDaemon', 'retry'],
    });
  });

  it('offers Set Key when the upstream refuses the key', () => {
    assert.deepEqual(chatErrorFrom({ message: 'gateway answered 401: No auth credentials found', status: 401, code: 'HTTP_ERROR' }), {
      message: 'The upstream refused the API key (HTTP 401): No auth credentials found',
      actions: ['setKey', 'retry'],
    });
  });

  it('says an open circuit breaker (503) is the gateway holding requests back', () => {
    assert.deepEqual(chatErrorFrom({ message: 'gateway answered 503: circuit open for demo/clean', status: 503, code: 'HTTP_ERROR' }), {
      message: 'The gateway is not sending requests to this model right now (HTTP 503, circuit breaker open): circuit open for demo/clean. Retry later or pick another model.',
      actions: ['retry'],
    });
  });

  it('gives other upstream errors and broken streams with Retry', () => {
    assert.deepEqual(chatErrorFrom({ message: 'gateway answered 502: upstream error', status: 502, code: 'HTTP_ERROR' }), {
      message: 'The request failed (HTTP 502): upstream error',
      actions: ['retry'],
    });
    assert.deepEqual(chatErrorFrom({ message: 'the stream broke: terminated', status: null, code: 'STREAM_BROKEN' }), {
      message: 'The answer stream failed: the stream broke: terminated',
      actions: ['retry'],
    });
  });

  it('counts the repairs of a JSON answer for its badge', () => {
    assert.equal(repairsBadge({ status: 'REPAIRED', repairs: [repair('trailing_comma'), repair('unquoted_key'), repair('trailing_comma')] }), 'repaired: 2 trailing commas, 1 unquoted key');
    assert.equal(repairsBadge({ status: 'VALID', repairs: [] }), 'JSON: no repairs needed');
  });

  it('says what the check found, never "valid" for an answer that was not: failed, cut off, empty', () => {
    // no JSON in the answer: the engine found nothing to repair, and that is no "valid"
    assert.equal(repairsBadge({ status: 'FAILED', repairs: [] }), 'failed: no JSON in the answer, shown as sent');
    assert.equal(repairsBadge({ status: 'TRUNCATED', repairs: [repair('unclosed_string'), repair('unclosed_container')] }), 'truncated: cut off, closed with 1 unclosed string, 1 unclosed bracket');
    assert.equal(repairsBadge({ status: 'TRUNCATED', repairs: [] }), 'truncated: cut off');
    assert.equal(repairsBadge({ status: 'TRUNCATED', repairs: [repair('trailing_comma'), repair('unclosed_container')] }), 'truncated: cut off, closed with 1 unclosed bracket; repaired: 1 trailing comma');
    assert.equal(repairsBadge({ status: 'REPAIRED', repairs: [] }), 'repaired');
    assert.equal(repairsBadge({ status: 'EMPTY', repairs: [] }), 'empty: the model sent no content');
    assert.equal(repairsBadge({ status: 'TEXT', repairs: [] }), 'not checked: TEXT');
  });

  it('says what the shown value leaves out of the text as sent: a second value, a draft, prose, a think block', () => {
    const span = (kind: Stripped['kind']): Stripped => ({ kind, offset: 0, length: 1, line: 0, column: 0, text: 'x' });
    assert.equal(repairsBadge({ status: 'REPAIRED', repairs: [], stripped: [span('extra_value')] }), 'repaired; stripped more top-level values');
    assert.equal(repairsBadge({ status: 'VALID', repairs: [], stripped: [span('draft')] }), 'JSON: no repairs needed; stripped a value the text corrected (the correction taken)');
    assert.equal(repairsBadge({ status: 'REPAIRED', repairs: [repair('trailing_comma')], stripped: [span('reasoning'), span('prose'), span('fence')] }), 'repaired: 1 trailing comma; stripped a think block, a code fence, surrounding text');
    assert.equal(repairsBadge({ status: 'TRUNCATED', repairs: [repair('unclosed_container')], stripped: [span('extra_value')] }), 'truncated: cut off, closed with 1 unclosed bracket; stripped more top-level values');
    // an answer shown as sent leaves nothing out
    assert.equal(repairsBadge({ status: 'FAILED', repairs: [], stripped: [span('prose')] }), 'failed: no JSON in the answer, shown as sent');
  });
});
