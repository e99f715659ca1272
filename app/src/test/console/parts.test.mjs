// The template pieces (parts.js) as lit-html templates, without a browser: lit-html needs a document only to render,
// so a stand-in with the one method it calls when loaded is enough to look at what the templates hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';

globalThis.document ??= { createTreeWalker: () => ({}) };
const { pager, fieldError, invalid, badge } = await import('../../main/resources/console/parts.js');
const { nothing } = await import('../../main/resources/console/vendor/lit-html.js');

test('the pager\'s buttons are plain buttons, so the wizard\'s device picker pages instead of submitting its step', () => {
  const markup = pager({ page: 0, totalPages: 3, totalItems: 120 }, () => {}).strings.join('');
  const buttons = markup.match(/<button[^>]*>/g);
  assert.equal(buttons.length, 2);
  for (const b of buttons) assert.match(b, /type="button"/);
  assert.equal(pager({ page: 0, totalPages: 1, totalItems: 3 }, () => {}), nothing);
});

test('a value is never part of a template\'s markup, only one of its values, which lit-html renders as text', () => {
  const shown = badge('<img src=x onerror=alert(1)>');
  assert.ok(!shown.strings.join('').includes('<img'));
  assert.ok(shown.values.includes('<img src=x onerror=alert(1)>'));
});

test('an input with an error is invalid and described by its message; one without has neither attribute', () => {
  const errors = { 'operations[0].value': 'Give a value.' };
  assert.deepEqual(invalid(errors, 'operations[0].value'), { invalid: 'true', describedBy: 'err-operations[0].value' });
  assert.deepEqual(invalid(errors, 'name'), { invalid: nothing, describedBy: nothing });
  assert.ok(fieldError(errors, 'operations[0].value').values.includes('err-operations[0].value'));
  assert.equal(fieldError(errors, 'name'), nothing);
});
