// The Audit page: who changed what, when, from where, and how the service answered, newest first. Filters by user,
// action, outcome and time; the service validates them and its message is shown next to the field it names.
import { api, problemText, fieldErrors } from './api.js';
import { esc, fmtTime, pager } from './ui.js';

const OUTCOMES = [['', 'Any'], ['success', 'Success (2xx, 3xx)'], ['refused', 'Refused (4xx)'], ['error', 'Error (5xx)']];

export async function auditView(main) {
  const state = { actor: '', action: '', outcome: '', from: '', to: '', page: 0 };
  main.innerHTML = `<h1>Audit log</h1>
    <p class="muted">Every request that changed something, or tried to: refused ones and sign-in attempts included. Kept for
      the configured retention period.</p>
    <form class="bar" id="audit-filters" novalidate>
      <div><label for="a-actor">User</label><input id="a-actor" size="14" autocomplete="off"><div class="error" id="err-actor"></div></div>
      <div><label for="a-action">Action contains</label><input id="a-action" size="22" placeholder="POST /api/jobs" autocomplete="off">
        <div class="error" id="err-action"></div></div>
      <div><label for="a-outcome">Outcome</label><select id="a-outcome">${OUTCOMES.map(([v, l]) => `<option value="${v}">${esc(l)}</option>`).join('')}</select>
        <div class="error" id="err-outcome"></div></div>
      <div><label for="a-from">From</label><input id="a-from" type="datetime-local" step="1"><div class="error" id="err-from"></div></div>
      <div><label for="a-to">To</label><input id="a-to" type="datetime-local" step="1"><div class="error" id="err-to"></div></div>
      <div><button class="primary" type="submit" id="a-apply">Apply</button></div>
    </form>
    <div class="error" id="audit-error" role="alert"></div>
    <div id="audit"></div>`;
  const form = main.querySelector('#audit-filters');
  const render = async () => {
    const params = new URLSearchParams({ page: state.page, size: 50 });
    for (const key of ['actor', 'action', 'outcome']) if (state[key]) params.set(key, state[key]);
    for (const key of ['from', 'to']) if (state[key]) params.set(key, new Date(state[key]).toISOString());
    form.querySelectorAll('[id^="err-"]').forEach((box) => { box.textContent = ''; });
    main.querySelector('#audit-error').textContent = '';
    let page;
    try { page = await api(`/api/audit?${params}`); } catch (e) {
      const errors = fieldErrors(e);
      Object.entries(errors).forEach(([field, message]) => { const box = form.querySelector(`#err-${field}`); if (box) box.textContent = message; });
      if (Object.keys(errors).length === 0) main.querySelector('#audit-error').textContent = problemText(e);
      return;
    }
    const box = main.querySelector('#audit');
    if (!box) return;
    if (page.totalItems === 0) { box.innerHTML = '<div class="panel">No audit events match these filters.</div>'; return; }
    box.innerHTML = `<div class="table-wrap"><table id="audit-table">
      <thead><tr><th>When</th><th>Who</th><th>Action</th><th>Target</th><th>From</th><th>Outcome</th></tr></thead>
      <tbody>${page.items.map((e) => `<tr>
        <td>${fmtTime(e.at)}</td>
        <td>${e.actor ? esc(e.actor) : '<span class="muted">unknown</span>'}${e.via ? ` <span class="muted">(${esc(e.via)})</span>` : ''}</td>
        <td><code>${esc(e.action)}</code>${e.path !== e.action.slice(e.method.length + 1) ? `<div class="muted">${esc(e.path)}</div>` : ''}</td>
        <td>${esc(e.target)}</td><td>${esc(e.remoteAddress)}</td>
        <td><span class="badge o-${esc(e.outcome)}">${esc(e.status)} ${esc(e.outcome)}</span></td></tr>`).join('')}</tbody></table></div>${pager(page)}`;
    box.querySelectorAll('[data-page]').forEach((b) => b.addEventListener('click', () => { state.page = Number(b.dataset.page); render(); }));
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    state.actor = form.querySelector('#a-actor').value.trim();
    state.action = form.querySelector('#a-action').value.trim();
    state.outcome = form.querySelector('#a-outcome').value;
    state.from = form.querySelector('#a-from').value;
    state.to = form.querySelector('#a-to').value;
    state.page = 0;
    render();
  });
  await render();
}
