// Fleet Jobs console: a small single-page app over the REST API. Views are functions that render into <main>;
// live views listen to the service's server-sent events instead of polling.
import { api, problemText, can, currentUser, loadSession, signIn, signOut } from './api.js';
import { esc, fmtTime, badge, progress, progressText, legend, pager, toast, confirmDialog } from './ui.js';
import { newJobView } from './wizard.js';
import { usersView, tokensView } from './operators.js';
import { auditView } from './audit.js';

const main = document.getElementById('main');
let cleanup = () => {};

const routes = [
  [/^#\/jobs\/new$/, () => (can('operator') ? newJobView(main) : forbidden())],
  [/^#\/jobs\/([^/]+)$/, (m) => jobView(m[1])],
  [/^#\/device-sets\/([^/]+)$/, (m) => deviceSetView(m[1])],
  [/^#\/device-sets$/, () => deviceSetsView()],
  [/^#\/devices$/, () => devicesView()],
  [/^#\/templates$/, () => templatesView()],
  [/^#\/jobs$/, () => jobsView()],
  [/^#\/users$/, () => (can('admin') ? usersView(main) : forbidden())],
  [/^#\/tokens$/, () => tokensView(main)],
  [/^#\/audit$/, () => auditView(main)],
];

function route() {
  cleanup();
  cleanup = () => {};
  if (!currentUser()) { signInView(); return; }
  const hash = location.hash || '#/jobs';
  const section = hash.split('/')[1] || 'jobs';
  document.querySelectorAll('[data-nav]').forEach((a) => {
    if (a.dataset.nav === section) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  for (const [pattern, view] of routes) {
    const m = hash.match(pattern);
    if (m) {
      Promise.resolve(view(m)).catch((e) => { main.innerHTML = `<div class="notice bad">${esc(problemText(e))}</div>`; });
      return;
    }
  }
  location.hash = '#/jobs';
}
window.addEventListener('hashchange', route);
window.addEventListener('fleet:signed-out', (ev) => signInView(ev.detail));
document.getElementById('sign-out').addEventListener('click', async () => { await signOut(); signInView('You have signed out.'); });
loadSession().then((user) => {
  if (user) {
    signedIn();
  } else if (location.hash.startsWith('#/sign-in?failed=provider')) {
    history.replaceState(null, '', '#/jobs'); // no hashchange: the message stays
    signInView('The sign-in through your identity provider was refused: no Fleet Jobs role is given to this user, or it is disabled.');
  } else {
    signInView();
  }
});

// ---------------------------------------------------------------- signing in

let expiry = null;

/** The sign-in form; the rest of the console stays hidden until the service accepts the user. */
function signInView(message) {
  cleanup();
  cleanup = () => {};
  clearTimeout(expiry);
  document.getElementById('nav').hidden = true;
  document.getElementById('who').hidden = true;
  main.innerHTML = `<form class="panel signin" id="sign-in" novalidate>
      <h1>Sign in to Fleet Jobs</h1>
      ${message ? `<div class="notice" role="status">${esc(message)}</div>` : ''}
      <div class="field"><label for="username">User name</label><input id="username" name="username" autocomplete="username" required></div>
      <div class="field"><label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required></div>
      <div class="error" id="sign-in-error" role="alert"></div>
      <button class="primary" type="submit">Sign in</button>
      <div id="providers"></div>
    </form>`;
  const form = main.querySelector('#sign-in');
  form.querySelector('#username').focus();
  // sign-in through an OpenID Connect provider, when one is configured: a plain link, the browser goes there and back
  api('/api/auth/providers').then((providers) => {
    const box = main.querySelector('#providers');
    if (box && providers.length) {
      box.innerHTML = `<p class="muted">or</p>${providers.map((p) =>
        `<a class="button" id="provider-${esc(p.name)}" href="${esc(p.signIn)}">Sign in with ${esc(p.name)}</a>`).join(' ')}`;
    }
  }).catch(() => {});
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await signIn(form.username.value, form.password.value);
      signedIn();
    } catch (e) {
      form.querySelector('#sign-in-error').textContent = problemText(e);
      form.password.value = '';
      form.password.focus();
    }
  });
}

/** Shows who is signed in, and signs out by itself when the session expires. */
function signedIn() {
  const user = currentUser();
  document.getElementById('nav').hidden = false;
  document.getElementById('who').hidden = false;
  document.getElementById('who-name').textContent = `signed in as ${user.displayName || user.username} (${user.role})`;
  document.getElementById('who-expiry').textContent = user.expiresAt ? ` · session ends ${endsAt(user.expiresAt)}` : '';
  // links to pages the role may not use are not shown (the service refuses them anyway)
  document.querySelectorAll('#nav [data-role]').forEach((a) => { a.hidden = !can(a.dataset.role); });
  clearTimeout(expiry);
  const left = Date.parse(user.expiresAt) - Date.now();
  if (left > 0) expiry = setTimeout(() => signOut().finally(() => signInView('Your session has expired. Sign in again.')), Math.min(left, 2 ** 31 - 1));
  route();
}

/** 17:42, or with the date when the session ends on another day. */
function endsAt(iso) {
  const end = new Date(iso);
  const time = end.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return end.toDateString() === new Date().toDateString() ? time : `${end.toLocaleDateString()} ${time}`;
}

function forbidden() {
  main.innerHTML = `<div class="notice bad">Your role (${esc(currentUser().role)}) may not do this.</div>`;
}

/** Subscribes to server-sent events for the life of the current view. */
function live(url, event, onEvent) {
  const source = new EventSource(url);
  source.addEventListener(event, onEvent);
  const previous = cleanup;
  cleanup = () => { source.close(); previous(); };
}

// ---------------------------------------------------------------- jobs list

async function jobsView() {
  const q = new URLSearchParams(location.hash.split('?')[1] || '');
  const state = { status: q.get('status') || '', set: q.get('set') || '', page: 0 };
  const sets = (await api('/api/device-sets?size=1000')).items;
  main.innerHTML = `
    <div class="bar"><h1 class="grow">Jobs</h1>${can('operator') ? '<a class="button primary" href="#/jobs/new">New job</a>' : ''}</div>
    <div class="bar">
      <div><label for="f-status">Status</label>
        <select id="f-status"><option value="">All</option>
          ${['RUNNING', 'PENDING', 'COMPLETED', 'FAILED', 'STOPPED'].map((s) => `<option>${s}</option>`).join('')}</select></div>
      <div><label for="f-set">Device set</label>
        <select id="f-set"><option value="">All</option>
          ${sets.map((s) => `<option value="${esc(s.id)}">${esc(s.name)}</option>`).join('')}</select></div>
    </div>
    <div id="jobs"></div>`;
  const status = main.querySelector('#f-status');
  const set = main.querySelector('#f-set');
  status.value = state.status;
  set.value = state.set;
  const setNames = Object.fromEntries(sets.map((s) => [s.id, s.name]));
  const render = async () => {
    const params = new URLSearchParams({ page: state.page, size: 20 });
    if (state.status) params.set('status', state.status);
    if (state.set) params.set('deviceSetId', state.set);
    const page = await api(`/api/jobs?${params}`);
    const box = main.querySelector('#jobs');
    if (!box) return;
    if (page.totalItems === 0) {
      box.innerHTML = `<div class="panel"><p>No jobs${state.status || state.set ? ' match these filters' : ' yet'}.</p>
        ${can('operator') ? '<p><a class="button primary" href="#/jobs/new">Create a job</a></p>' : ''}</div>`;
      return;
    }
    box.innerHTML = `<div class="table-wrap"><table>
      <thead><tr><th>Name</th><th>Device set</th><th>Status</th><th>Progress</th><th>Created</th><th>Finished</th></tr></thead>
      <tbody>${page.items.map((j) => `<tr>
        <td><a href="#/jobs/${esc(j.id)}">${esc(j.name)}</a></td>
        <td>${esc(setNames[j.deviceSetId] || j.deviceSetId)}</td>
        <td>${badge(j.status)}</td>
        <td>${progress(j.counts)}<div class="muted">${progressText(j)}</div></td>
        <td>${fmtTime(j.createdAt)}</td><td>${fmtTime(j.finishedAt)}</td></tr>`).join('')}</tbody></table></div>
      ${legend()}${pager(page)}`;
    box.querySelectorAll('[data-page]').forEach((b) => b.addEventListener('click', () => { state.page = Number(b.dataset.page); render(); }));
  };
  status.addEventListener('change', () => { state.status = status.value; state.page = 0; render(); });
  set.addEventListener('change', () => { state.set = set.value; state.page = 0; render(); });
  await render();
  let timer = null;
  live('/api/jobs/events', 'changed', () => { if (!timer) timer = setTimeout(() => { timer = null; render(); }, 1000); });
}

// ---------------------------------------------------------------- job detail

async function jobView(id) {
  const job = await api(`/api/jobs/${id}`);
  const set = await api(`/api/device-sets/${job.deviceSetId}`).catch(() => null);
  const state = { status: '', page: 0 };
  main.innerHTML = `
    <div class="bar"><h1 class="grow" id="job-title">${esc(job.name)}</h1><div id="actions" class="bar"></div></div>
    <div id="summary"></div>
    <h2>Completions and failures over time</h2>
    <svg class="chart" id="chart" role="img" aria-label="Completions and failures over time"></svg>
    <p class="muted" id="chart-axis"></p>
    <div class="bar" style="margin-top:16px"><h2 class="grow">Devices</h2>
      <div><label for="d-status">Status</label><select id="d-status"><option value="">All</option>
        ${['PENDING', 'COMPLETED', 'FAILED', 'CANCELED'].map((s) => `<option>${s}</option>`).join('')}</select></div>
      <a class="button" id="csv" href="/api/jobs/${esc(id)}/devices.csv" download>Download CSV</a></div>
    <div id="devices"></div>`;

  const renderSummary = (j) => {
    main.querySelector('#summary').innerHTML = `
      <div class="panel">
        <p>${badge(j.status)} over <a href="#/device-sets/${esc(j.deviceSetId)}">${esc(set ? set.name : j.deviceSetId)}</a>
          ${j.subset ? '(chosen devices)' : ''} · created ${fmtTime(j.createdAt)}
          ${j.startedAt ? ` · started ${fmtTime(j.startedAt)}` : ''}${j.finishedAt ? ` · finished ${fmtTime(j.finishedAt)}` : ''}</p>
        ${j.description ? `<p>${esc(j.description)}</p>` : ''}
        ${j.status === 'STOPPED' ? `<div class="notice" id="run-blocked">This job was stopped and can never be run again; copy it to run the same job anew.</div>` : ''}
        <div class="counts">${['total', 'completed', 'failed', 'pending', 'canceled'].map((k) =>
          `<div class="count"><span class="muted">${k[0].toUpperCase() + k.slice(1)}</span><b id="count-${k}">${j.counts[k]}</b></div>`).join('')}</div>
        <div style="margin-top:12px">${progress(j.counts)}${legend()}</div>
        <p class="muted">Operations: ${j.operations.map((o) => esc(`${o.type} ${o.name}${o.type === 'COMMAND'
          ? `(${Object.entries(o.parameters || {}).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')})` : ` = ${JSON.stringify(o.value)}`}`)).join('; ')}</p>
      </div>`;
    const actions = main.querySelector('#actions');
    if (!can('operator')) { actions.innerHTML = ''; return; } // a viewer sees the job, not the actions it may not take
    actions.innerHTML = `
      ${j.canRun ? '<button class="primary" id="run">Run</button>' : ''}
      ${j.canStop ? '<button class="danger" id="stop">Stop</button>' : ''}
      <button id="copy">Copy</button>
      ${['COMPLETED', 'FAILED', 'STOPPED', 'PENDING'].includes(j.status) ? '<button id="delete">Delete</button>' : ''}`;
    actions.querySelector('#run')?.addEventListener('click', () => act(`/api/jobs/${id}/run`, 'Job started'));
    actions.querySelector('#stop')?.addEventListener('click', async () => {
      if (await confirmDialog('Stop this job?', 'Devices not yet done will be canceled. A stopped job can never be run again; you can copy it.', 'Stop job')) {
        act(`/api/jobs/${id}/stop`, 'Job stopped');
      }
    });
    actions.querySelector('#copy').addEventListener('click', async () => {
      try {
        const copy = await api(`/api/jobs/${id}/copy`, { method: 'POST' });
        toast('Copied into a new pending job');
        location.hash = `#/jobs/${copy.id}`;
      } catch (e) { toast(problemText(e)); }
    });
    actions.querySelector('#delete')?.addEventListener('click', async () => {
      if (await confirmDialog('Delete this job?', 'The job and its per-device results are removed for good.', 'Delete')) {
        try { await api(`/api/jobs/${id}`, { method: 'DELETE' }); location.hash = '#/jobs'; } catch (e) { toast(problemText(e)); }
      }
    });
  };
  const act = async (url, message) => {
    try { renderSummary(await api(url, { method: 'POST' })); toast(message); renderDevices(); } catch (e) { toast(problemText(e)); }
  };
  const renderChart = async () => {
    const t = await api(`/api/jobs/${id}/timeline?buckets=40`);
    const svg = main.querySelector('#chart');
    if (!svg) return;
    const max = Math.max(1, ...t.completed.map((c, i) => c + t.failed[i]));
    const w = 100 / t.completed.length;
    svg.setAttribute('viewBox', '0 0 100 50');
    svg.setAttribute('preserveAspectRatio', 'none');
    const seconds = (Date.parse(t.end) - Date.parse(t.start)) / 1000;
    main.querySelector('#chart-axis').textContent = `From start (left) to ${t.completed.length > 0 ? `${seconds.toFixed(1)} s later` : 'now'} (right), `
      + `in slices of ${(t.bucketMillis / 1000).toFixed(2)} s: completed devices in green, failed in red; tallest bar ${max}.`;
    svg.innerHTML = t.completed.map((c, i) => {
      const hc = (c / max) * 46; const hf = (t.failed[i] / max) * 46;
      return `<rect x="${i * w + 0.1}" y="${48 - hc}" width="${w - 0.2}" height="${hc}" fill="#1a7f37"><title>${c} completed</title></rect>
        <rect x="${i * w + 0.1}" y="${48 - hc - hf}" width="${w - 0.2}" height="${hf}" fill="#c62828"><title>${t.failed[i]} failed</title></rect>`;
    }).join('');
  };
  const renderDevices = async () => {
    const params = new URLSearchParams({ page: state.page, size: 25 });
    if (state.status) params.set('status', state.status);
    const page = await api(`/api/jobs/${id}/devices?${params}`);
    const box = main.querySelector('#devices');
    if (!box) return;
    if (page.totalItems === 0) { box.innerHTML = '<div class="panel">No devices in this status.</div>'; return; }
    box.innerHTML = `<div class="table-wrap"><table>
      <thead><tr><th>Device</th><th>Status</th><th>Error</th><th>Last update</th></tr></thead>
      <tbody>${page.items.map((e) => `<tr>
        <td>${esc(e.deviceName || e.deviceId)} ${e.deviceDeleted ? `<span class="badge s-CANCELED">deleted</span> <span class="muted">${esc(e.deviceId)}</span>` : ''}</td>
        <td>${badge(e.status)}</td>
        <td>${e.failureReason ? `${esc(e.failureReason)}${e.error ? `: ${esc(e.error.code || '')} ${esc(e.error.message || '')}` : ''}` : ''}</td>
        <td>${fmtTime(e.updatedAt)}</td></tr>`).join('')}</tbody></table></div>${pager(page)}`;
    box.querySelectorAll('[data-page]').forEach((b) => b.addEventListener('click', () => { state.page = Number(b.dataset.page); renderDevices(); }));
  };
  main.querySelector('#d-status').addEventListener('change', (ev) => { state.status = ev.target.value; state.page = 0; renderDevices(); });
  renderSummary(job);
  await Promise.all([renderChart(), renderDevices()]);
  live(`/api/jobs/${id}/events`, 'job', (ev) => {
    renderSummary(JSON.parse(ev.data));
    renderChart();
    renderDevices();
  });
}

// ---------------------------------------------------------------- device sets, devices, templates

async function deviceSetsView() {
  const page = await api('/api/device-sets?size=1000');
  main.innerHTML = `<h1>Device sets</h1>
    ${page.items.length === 0 ? '<div class="panel">No device sets yet. Create one with POST /api/device-sets.</div>' : `
    <div class="table-wrap"><table><thead><tr><th>Name</th><th>Template</th><th>Kind</th><th>Definition</th><th>State</th></tr></thead>
    <tbody>${page.items.map((s) => `<tr>
      <td><a href="#/device-sets/${esc(s.id)}">${esc(s.name)}</a></td><td>${esc(s.template)}</td><td>${esc(s.kind)}</td>
      <td>${s.kind === 'FILTER' ? (s.conditions.length ? s.conditions.map((c) => esc(`${c.field} ${c.operator} ${c.value === undefined || c.value === null ? '' : JSON.stringify(c.value)}`)).join(' and ') : 'every device of the template') : 'explicit list'}</td>
      <td>${s.broken ? `${badge('BROKEN')} <span class="error">${esc(s.brokenReason)}</span>` : 'usable'}</td></tr>`).join('')}</tbody></table></div>`}`;
}

async function deviceSetView(id) {
  const set = await api(`/api/device-sets/${id}`);
  const state = { page: 0 };
  main.innerHTML = `<h1>${esc(set.name)}</h1><div class="panel"><p>Template <b>${esc(set.template)}</b> · ${esc(set.kind)}</p>
    ${set.broken ? `<div class="notice bad">This set is broken: ${esc(set.brokenReason)}. Jobs cannot use it.</div>` : ''}</div>
    <h2>Devices it resolves to now</h2><div id="preview"></div>`;
  if (set.broken) return;
  const render = async () => {
    const page = await api(`/api/device-sets/${id}/devices?page=${state.page}&size=25`);
    const box = main.querySelector('#preview');
    box.innerHTML = page.totalItems === 0 ? '<div class="panel">No devices match right now.</div>' : deviceRows(page.items) + pager(page);
    box.querySelectorAll('[data-page]').forEach((b) => b.addEventListener('click', () => { state.page = Number(b.dataset.page); render(); }));
  };
  await render();
}

function deviceRows(items) {
  return `<div class="table-wrap"><table><thead><tr><th>Device</th><th>Presence</th><th>Attributes</th><th>Last seen</th></tr></thead>
    <tbody>${items.map((d) => `<tr><td>${esc(d.name)} <span class="muted">${esc(d.id)}</span></td><td>${badge(d.presence)}</td>
      <td>${Object.entries(d.attributes || {}).map(([k, v]) => `${esc(k)}=${esc(v)}`).join(', ')}</td><td>${fmtTime(d.lastSeenAt)}</td></tr>`).join('')}</tbody></table></div>`;
}

async function devicesView() {
  const templates = (await api('/api/templates?size=1000')).items;
  const state = { page: 0, template: '' };
  main.innerHTML = `<h1>Devices</h1><div class="bar"><div><label for="t-filter">Template</label><select id="t-filter"><option value="">All</option>
    ${templates.map((t) => `<option value="${esc(t.id)}">${esc(t.name)}</option>`).join('')}</select></div></div><div id="list"></div>`;
  const render = async () => {
    const params = new URLSearchParams({ page: state.page, size: 25 });
    if (state.template) params.set('template', state.template);
    const page = await api(`/api/devices?${params}`);
    const box = main.querySelector('#list');
    box.innerHTML = page.totalItems === 0 ? '<div class="panel">No devices yet. Devices register themselves when they come online, or with POST /api/devices.</div>'
      : `<div class="table-wrap"><table><thead><tr><th>Device</th><th>Template</th><th>Presence</th><th>Reported</th><th>Last seen</th></tr></thead>
      <tbody>${page.items.map((d) => `<tr><td>${esc(d.name)} <span class="muted">${esc(d.id)}</span></td><td>${esc(d.template)}</td>
        <td>${badge(d.presence)}</td><td>${Object.entries(d.reportedProperties || {}).map(([k, v]) => `${esc(k)}=${esc(JSON.stringify(v))}`).join(', ')}</td>
        <td>${fmtTime(d.lastSeenAt)}</td></tr>`).join('')}</tbody></table></div>${pager(page)}`;
    box.querySelectorAll('[data-page]').forEach((b) => b.addEventListener('click', () => { state.page = Number(b.dataset.page); render(); }));
  };
  main.querySelector('#t-filter').addEventListener('change', (ev) => { state.template = ev.target.value; state.page = 0; render(); });
  await render();
}

async function templatesView() {
  const templates = (await api('/api/templates?size=1000')).items;
  main.innerHTML = `<h1>Templates</h1>${templates.length === 0 ? '<div class="panel">No templates yet.</div>' : templates.map((t) => `
    <section class="panel" aria-labelledby="t-${esc(t.id)}"><h2 id="t-${esc(t.id)}">${esc(t.name)} <span class="muted">${esc(t.id)}</span></h2>
      ${t.description ? `<p>${esc(t.description)}</p>` : ''}
      <div class="counts">
        <div><h3>Properties</h3><ul>${t.properties.map((p) => `<li>${esc(p.name)}: ${esc(p.type)}${p.writable ? ' (writable)' : ''}</li>`).join('') || '<li class="muted">none</li>'}</ul></div>
        <div><h3>Settings</h3><ul>${t.settings.map((s) => `<li>${esc(s.name)}: ${esc(s.type)}</li>`).join('') || '<li class="muted">none</li>'}</ul></div>
        <div><h3>Commands</h3><ul>${t.commands.map((c) => `<li>${esc(c.name)}(${c.parameters.map((p) => `${esc(p.name)}: ${esc(p.type)}`).join(', ')})</li>`).join('') || '<li class="muted">none</li>'}</ul></div>
      </div></section>`).join('')}`;
}

