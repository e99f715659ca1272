// The string helpers of the views not yet on lit-html (wizard, users, tokens, audit), run by Node's test runner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { esc, pager } from '../../main/resources/console/ui.js';

test('text is escaped wherever it is interpolated into markup', () => {
  assert.equal(esc('<img src=x onerror="a()">&\''), '&lt;img src=x onerror=&quot;a()&quot;&gt;&amp;&#39;');
  assert.equal(esc(null), '');
});

test('the pager\'s buttons are plain buttons, so the wizard\'s device picker pages instead of submitting its step', () => {
  const html = pager({ page: 0, totalPages: 3, totalItems: 120 });
  const buttons = html.match(/<button[^>]*>/g);
  assert.equal(buttons.length, 2);
  for (const b of buttons) assert.match(b, /type="button"/);
  assert.equal(pager({ page: 0, totalPages: 1, totalItems: 3 }), '');
});
