// The console's rendering helpers, run by Node's test runner (node --test): pure functions, no browser needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { esc, progressText, badge, pager, operationsCheck } from '../../main/resources/console/ui.js';

const job = (status, counts) => ({ status, counts: { total: 0, pending: 0, completed: 0, failed: 0, canceled: 0, ...counts } });

test('a pending job that has not run says so instead of 0 of 0 done', () => {
  assert.equal(progressText(job('PENDING', {})), 'not run yet');
});

test('a stopped job whose only device was canceled has none done and says it was canceled', () => {
  assert.equal(progressText(job('STOPPED', { total: 1, canceled: 1 })), '0 of 1 done, 1 canceled');
});

test('completed and failed devices count as done', () => {
  assert.equal(progressText(job('RUNNING', { total: 5, completed: 2, failed: 1, pending: 2 })), '3 of 5 done');
});

test('text is escaped wherever it is interpolated into markup', () => {
  assert.equal(esc('<img src=x onerror="a()">&\''), '&lt;img src=x onerror=&quot;a()&quot;&gt;&amp;&#39;');
  assert.equal(esc(null), '');
  assert.ok(!badge('<b>').includes('<b>'));
});

test('the pager\'s buttons are plain buttons, so the wizard\'s device picker pages instead of submitting its step', () => {
  const html = pager({ page: 0, totalPages: 3, totalItems: 120 });
  const buttons = html.match(/<button[^>]*>/g);
  assert.equal(buttons.length, 2);
  for (const b of buttons) assert.match(b, /type="button"/);
  assert.equal(pager({ page: 0, totalPages: 1, totalItems: 3 }), '');
});

test('the operations step names every operation that lacks its name, its value or a required parameter', () => {
  const template = { commands: [{ name: 'defrost', parameters: [{ name: 'minutes', type: 'INTEGER', required: true }, { name: 'note', type: 'STRING', required: false }] }] };
  const errors = operationsCheck([
    { type: 'SETTING', name: 'fanSpeed', value: undefined, parameters: {} },
    { type: 'SETTING', name: '', value: 3, parameters: {} },
    { type: 'COMMAND', name: 'defrost', parameters: {} },
    { type: 'SETTING', name: 'fanSpeed', value: 0, parameters: {} },
    { type: 'PROPERTY', name: 'label', value: '', parameters: {} },
    { type: 'COMMAND', name: 'defrost', parameters: { minutes: 5 } },
  ], template);
  assert.deepEqual(Object.keys(errors), ['operations[0].value', 'operations[1].name', 'operations[2].parameters.minutes']);
});
