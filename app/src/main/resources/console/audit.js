// The Audit page: who changed what, when, from where, and how the service answered, newest first. Filters by user,
// action, outcome and time; the service validates them and its message is shown next to the field it names.
import { html, render, nothing } from './vendor/lit-html.js';
import { api, problemText, fieldErrors } from './api.js';
import { time, pager, fieldError, invalid } from './parts.js';

const OUTCOMES = [['', 'Any'], ['success', 'Success (2xx, 3xx)'], ['refused', 'Refused (4xx)'], ['error', 'Error (5xx)']];

/** The audit log; {@code mount} gives the element to render into (see app.js). */
export async function auditView(mount) {
  const state = { actor: '', action: '', outcome: '', from: '', to: '', page: 0, list: null, errors: {}, error: '' };
  const root = mount();
  const filter = (field, id, label, attrs = {}) => {
    const a = invalid(state.errors, field);
    return html`<div><label for=${id}>${label}</label><input id=${id} size=${attrs.size ?? nothing} type=${attrs.type ?? 'text'}
      step=${attrs.step ?? nothing} placeholder=${attrs.placeholder ?? nothing} autocomplete="off"
      aria-invalid=${a.invalid} aria-describedby=${a.describedBy}>${fieldError(state.errors, field)}</div>`;
  };
  const list = () => {
    const page = state.list;
    if (!page) return nothing;
    if (page.totalItems === 0) return html`<div class="panel">No audit events match these filters.</div>`;
    return html`<div class="table-wrap"><table id="audit-table">
      <thead><tr><th>When</th><th>Who</th><th>Action</th><th>Target</th><th>From</th><th>Outcome</th></tr></thead>
      <tbody>${page.items.map((e) => html`<tr>
        <td>${time(e.at)}</td>
        <td>${e.actor ? e.actor : html`<span class="muted">unknown</span>`}${e.via ? html` <span class="muted">(${e.via})</span>` : nothing}</td>
        <td><code>${e.action}</code>${e.path !== e.action.slice(e.method.length + 1) ? html`<div class="muted">${e.path}</div>` : nothing}</td>
        <td>${e.target}</td><td>${e.remoteAddress}</td>
        <td><span class="badge o-${e.outcome}">${e.status} ${e.outcome}</span></td></tr>`)}</tbody></table></div>
      ${pager(page, (p) => { state.page = p; load(); })}`;
  };
  const apply = (ev) => {
    ev.preventDefault();
    const form = ev.target;
    for (const [key, id] of [['actor', 'a-actor'], ['action', 'a-action'], ['outcome', 'a-outcome'], ['from', 'a-from'], ['to', 'a-to']]) {
      state[key] = form.querySelector(`#${id}`).value.trim();
    }
    state.page = 0;
    load();
  };
  const draw = () => render(html`<h1>Audit log</h1>
    <p class="muted">Every request that changed something, or tried to: refused ones and sign-in attempts included. Kept for
      the configured retention period.</p>
    <form class="bar" id="audit-filters" novalidate @submit=${apply}>
      ${filter('actor', 'a-actor', 'User', { size: 14 })}
      ${filter('action', 'a-action', 'Action contains', { size: 22, placeholder: 'POST /api/jobs' })}
      <div><label for="a-outcome">Outcome</label><select id="a-outcome">${OUTCOMES.map(([v, l]) => html`<option value=${v}>${l}</option>`)}</select>
        ${fieldError(state.errors, 'outcome')}</div>
      ${filter('from', 'a-from', 'From', { type: 'datetime-local', step: 1 })}
      ${filter('to', 'a-to', 'To', { type: 'datetime-local', step: 1 })}
      <div><button class="primary" type="submit" id="a-apply">Apply</button></div>
    </form>
    <div class="error" id="audit-error" role="alert">${state.error}</div>
    <div id="audit">${list()}</div>`, root);
  const load = async () => {
    const params = new URLSearchParams({ page: state.page, size: 50 });
    for (const key of ['actor', 'action', 'outcome']) if (state[key]) params.set(key, state[key]);
    for (const key of ['from', 'to']) if (state[key]) params.set(key, new Date(state[key]).toISOString());
    state.errors = {};
    state.error = '';
    try { state.list = await api(`/api/audit?${params}`); } catch (e) {
      state.errors = fieldErrors(e);
      if (Object.keys(state.errors).length === 0) state.error = problemText(e);
    }
    if (root.isConnected) draw();
  };
  draw();
  await load();
}
