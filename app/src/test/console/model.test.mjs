// What the console's views show, decided without the DOM (model.js), run by Node's test runner (node --test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  progressText, operationsText, jobActions, countsChanged, pagerModel, pageParams, allItems, deviceCountText, errorId,
  operationsCheck,
} from '../../main/resources/console/model.js';

const job = (status, counts, more = {}) => ({
  status, counts: { total: 0, pending: 0, completed: 0, failed: 0, canceled: 0, ...counts }, ...more,
});

test('a pending job that has not run says so instead of 0 of 0 done', () => {
  assert.equal(progressText(job('PENDING', {})), 'not run yet');
});

test('a stopped job whose only device was canceled has none done and says it was canceled', () => {
  assert.equal(progressText(job('STOPPED', { total: 1, canceled: 1 })), '0 of 1 done, 1 canceled');
});

test('completed and failed devices count as done', () => {
  assert.equal(progressText(job('RUNNING', { total: 5, completed: 2, failed: 1, pending: 2 })), '3 of 5 done');
});

test('operations read as one line, a command with its parameters and a setting with its value', () => {
  assert.equal(operationsText([{ type: 'SETTING', name: 'fanSpeed', value: 4 }, { type: 'COMMAND', name: 'defrost', parameters: { minutes: 5 } }]),
    'SETTING fanSpeed = 4; COMMAND defrost(minutes=5)');
});

test('a viewer is offered no action, an operator what the job allows', () => {
  const running = job('RUNNING', { total: 2 }, { canRun: false, canStop: true });
  assert.deepEqual(jobActions(running, false), { run: false, stop: false, copy: false, delete: false });
  assert.deepEqual(jobActions(running, true), { run: false, stop: true, copy: true, delete: false });
  assert.equal(jobActions(job('STOPPED', {}, { canRun: false, canStop: false }), true).delete, true);
});

test('the chart and device list are fetched again only when a live event moved the counts', () => {
  const before = job('RUNNING', { total: 3, pending: 3 });
  assert.equal(countsChanged(before, job('RUNNING', { total: 3, pending: 3 })), false);
  assert.equal(countsChanged(before, job('RUNNING', { total: 3, pending: 2, completed: 1 })), true);
  assert.equal(countsChanged(null, before), true);
});

test('a list that fits on one page has no pager; otherwise Previous and Next exist only where there is a page', () => {
  assert.equal(pagerModel({ page: 0, totalPages: 1, totalItems: 3 }), null);
  assert.deepEqual(pagerModel({ page: 0, totalPages: 3, totalItems: 120 }), { previous: null, next: 1, label: 'Page 1 of 3 · 120 items' });
  assert.deepEqual(pagerModel({ page: 2, totalPages: 3, totalItems: 120 }), { previous: 1, next: null, label: 'Page 3 of 3 · 120 items' });
});

test('a page and size in the address are used when the API accepts them, else the first page of the default size', () => {
  assert.deepEqual(pageParams(new URLSearchParams('page=2&size=10'), 20), { page: 2, size: 10 });
  assert.deepEqual(pageParams(new URLSearchParams('page=-1&size=5000'), 20), { page: 0, size: 20 });
  assert.deepEqual(pageParams(new URLSearchParams('size=x'), 25), { page: 0, size: 25 });
});

test('every item of a listing is read page after page instead of being cut at the first page', async () => {
  const asked = [];
  const items = await allItems(async (page, size) => {
    asked.push(page);
    return { items: [page * size, page * size + 1].slice(0, page === 2 ? 1 : 2), page, size, totalPages: 3 };
  }, 2);
  assert.deepEqual(asked, [0, 1, 2]);
  assert.deepEqual(items, [0, 1, 2, 3, 4]);
});

test('a device set\'s device count is said in words, an empty set as having none', () => {
  assert.equal(deviceCountText(0), 'no devices');
  assert.equal(deviceCountText(1), '1 device');
  assert.equal(deviceCountText(12), '12 devices');
  assert.equal(deviceCountText(undefined), '…');
});

test('a field\'s error message has the id its input names', () => {
  assert.equal(errorId('operations[0].value'), 'err-operations[0].value');
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
