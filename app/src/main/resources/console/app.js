// Fleet Jobs console: a small single-page app over the REST API. Views are functions that render into <main> with
// lit-html (values are text unless a template says otherwise; a re-render changes only what changed, so focus stays);
// live views listen to the service's server-sent events instead of polling.
import { html, svg, render, nothing } from './vendor/lit-html.js';
import { api, problemText, can, currentUser, loadSession, signIn, signOut } from './api.js';
import { toast, confirmDialog } from './ui.js';
import { time, badge, progress, legend, pager, chartBars } from './parts.js';
import { progressText, operationsText, jobActions, countsChanged, pageParams, allItems, deviceCountText } from './model.js';
import { newJobView } from './wizard.js';
import { usersView, tokensView } from './operators.js';
import { auditView } from './audit.js';

const main = document.getElementById('main');
let cleanup = () => {};

const routes = [
  [/^#\/jobs\/new$/, () => (can('operator') ? newJobView(mounter()) : forbidden())],
  [/^#\/jobs\/([^/?]+)$/, (m) => jobView(m[1])],
  [/^#\/device-sets\/([^/?]+)$/, (m) => deviceSetView(m[1])],
  [/^#\/device-sets(\?.*)?$/, () => deviceSetsView()],
  [/^#\/devices(\?.*)?$/, () => devicesView()],
  [/^#\/templates$/, () => templatesView()],
  [/^#\/jobs(\?.*)?$/, () => jobsView()],
  [/^#\/users$/, () => (can('admin') ? usersView(mounter()) : forbidden())],
  [/^#\/tokens$/, () => tokensView(mounter())],
  [/^#\/audit$/, () => auditView(mounter())],
];

let generation = 0; // counts views shown: one the user has left may still be waiting for an answer

/**
 * What gives a view, called before it awaits anything, a fresh element to render into: lit-html keeps its markers in
 * the container it renders into, so each view has its own. A view the user has left by the time it renders gets an
 * element that is never shown.
 */
function mounter() {
  const mine = generation;
  return () => {
    const root = document.createElement('div');
    if (mine === generation) main.replaceChildren(root);
    return root;
  };
}

const mount = () => mounter()();

/** The query of the view's address: #/device-sets?page=1&size=10. */
function hashQuery() {
  return new URLSearchParams(location.hash.split('?')[1] || '');
}

function route() {
  cleanup();
  cleanup = () => {};
  generation++;
  if (!currentUser()) { signInView(); return; }
  const hash = location.hash || '#/jobs';
  const section = hash.split(/[/?]/)[1] || 'jobs';
  document.querySelectorAll('[data-nav]').forEach((a) => {
    if (a.dataset.nav === section) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  for (const [pattern, view] of routes) {
    const m = hash.match(pattern);
    if (m) {
      const failed = mounter();
      Promise.resolve(view(m)).catch((e) => render(html`<div class="notice bad">${problemText(e)}</div>`, failed()));
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
  generation++;
  clearTimeout(expiry);
  document.getElementById('nav').hidden = true;
  document.getElementById('who').hidden = true;
  const root = mount();
  let providers = [];
  let error = '';
  const submit = async (ev) => {
    ev.preventDefault();
    const form = ev.target;
    try {
      await signIn(form.username.value, form.password.value);
      signedIn();
    } catch (e) {
      error = problemText(e);
      draw();
      form.password.value = '';
      form.password.focus();
    }
  };
  const draw = () => render(html`<form class="panel signin" id="sign-in" novalidate @submit=${submit}>
      <h1>Sign in to Fleet Jobs</h1>
      ${message ? html`<div class="notice" role="status">${message}</div>` : nothing}
      <div class="field"><label for="username">User name</label><input id="username" name="username" autocomplete="username" required></div>
      <div class="field"><label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required></div>
      <div class="error" id="sign-in-error" role="alert">${error}</div>
      <button class="primary" type="submit">Sign in</button>
      <div id="providers">${providers.length ? html`<p class="muted">or</p>${providers.map((p) =>
        html`<a class="button" id="provider-${p.name}" href=${p.signIn}>Sign in with ${p.name}</a> `)}` : nothing}</div>
    </form>`, root);
  draw();
  root.querySelector('#username').focus();
  // sign-in through an OpenID Connect provider, when one is configured: a plain link, the browser goes there and back
  api('/api/auth/providers').then((list) => { providers = list; if (root.isConnected) draw(); }).catch(() => {});
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
  const t = end.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return end.toDateString() === new Date().toDateString() ? t : `${end.toLocaleDateString()} ${t}`;
}

function forbidden() {
  render(html`<div class="notice bad">Your role (${currentUser().role}) may not do this.</div>`, mount());
}

/** Subscribes to server-sent events for the life of the current view. */
function live(url, event, onEvent) {
  const source = new EventSource(url);
  source.addEventListener(event, onEvent);
  onCleanup(() => source.close());
}

function onCleanup(action) {
  const previous = cleanup;
  cleanup = () => { action(); previous(); };
}

/** Every device set, page after page (the API's pages hold at most 1,000). */
const allSets = () => allItems((page, size) => api(`/api/device-sets?page=${page}&size=${size}`));
const allTemplates = () => allItems((page, size) => api(`/api/templates?page=${page}&size=${size}`));

// ---------------------------------------------------------------- jobs list

async function jobsView() {
  const mount = mounter();
  const q = hashQuery();
  const state = { status: q.get('status') || '', set: q.get('set') || '', ...pageParams(q, 20), list: null };
  const sets = await allSets();
  const setNames = Object.fromEntries(sets.map((s) => [s.id, s.name]));
  const root = mount();
  const filtered = () => state.status || state.set;
  const list = () => {
    const page = state.list;
    if (!page) return nothing;
    if (page.totalItems === 0) {
      return html`<div class="panel"><p>No jobs${filtered() ? ' match these filters' : ' yet'}.</p>
        ${can('operator') ? html`<p><a class="button primary" href="#/jobs/new">Create a job</a></p>` : nothing}</div>`;
    }
    return html`<div class="table-wrap"><table>
      <thead><tr><th>Name</th><th>Device set</th><th>Status</th><th>Progress</th><th>Created</th><th>Finished</th></tr></thead>
      <tbody>${page.items.map((j) => html`<tr>
        <td><a href="#/jobs/${j.id}">${j.name}</a></td>
        <td>${setNames[j.deviceSetId] || j.deviceSetId}</td>
        <td>${badge(j.status)}</td>
        <td>${progress(j.counts)}<div class="muted">${progressText(j)}</div></td>
        <td>${time(j.createdAt)}</td><td>${time(j.finishedAt)}</td></tr>`)}</tbody></table></div>
      ${legend()}${pager(page, (p) => { state.page = p; load(); })}`;
  };
  const draw = () => render(html`
    <div class="bar"><h1 class="grow">Jobs</h1>${can('operator') ? html`<a class="button primary" href="#/jobs/new">New job</a>` : nothing}</div>
    <div class="bar">
      <div><label for="f-status">Status</label>
        <select id="f-status" @change=${(ev) => { state.status = ev.target.value; state.page = 0; load(); }}><option value="">All</option>
          ${['RUNNING', 'PENDING', 'COMPLETED', 'FAILED', 'STOPPED'].map((s) => html`<option ?selected=${state.status === s}>${s}</option>`)}</select></div>
      <div><label for="f-set">Device set</label>
        <select id="f-set" @change=${(ev) => { state.set = ev.target.value; state.page = 0; load(); }}><option value="">All</option>
          ${sets.map((s) => html`<option value=${s.id} ?selected=${state.set === s.id}>${s.name}</option>`)}</select></div>
    </div>
    <div id="jobs">${list()}</div>`, root);
  const load = async () => {
    const params = new URLSearchParams({ page: state.page, size: state.size });
    if (state.status) params.set('status', state.status);
    if (state.set) params.set('deviceSetId', state.set);
    state.list = await api(`/api/jobs?${params}`);
    if (root.isConnected) draw();
  };
  draw();
  await load();
  let timer = null;
  onCleanup(() => clearTimeout(timer));
  live('/api/jobs/events', 'changed', () => { if (!timer) timer = setTimeout(() => { timer = null; load(); }, 1000); });
}

// ---------------------------------------------------------------- job detail

async function jobView(id) {
  const mount = mounter();
  let job = await api(`/api/jobs/${id}`);
  const set = await api(`/api/device-sets/${job.deviceSetId}`).catch(() => null);
  const state = { status: '', page: 0, devices: null, timeline: null };
  const root = mount();

  const act = async (url, message) => {
    try { job = await api(url, { method: 'POST' }); draw(); toast(message); refresh(); } catch (e) { toast(problemText(e)); }
  };
  const stop = async () => {
    if (await confirmDialog('Stop this job?', 'Devices not yet done will be canceled. A stopped job can never be run again; you can copy it.', 'Stop job')) {
      act(`/api/jobs/${id}/stop`, 'Job stopped');
    }
  };
  const copy = async () => {
    try {
      const made = await api(`/api/jobs/${id}/copy`, { method: 'POST' });
      toast('Copied into a new pending job');
      location.hash = `#/jobs/${made.id}`;
    } catch (e) { toast(problemText(e)); }
  };
  const remove = async () => {
    if (await confirmDialog('Delete this job?', 'The job and its per-device results are removed for good.', 'Delete')) {
      try { await api(`/api/jobs/${id}`, { method: 'DELETE' }); location.hash = '#/jobs'; } catch (e) { toast(problemText(e)); }
    }
  };

  // the same buttons are updated in place on every live update, so one that has the focus keeps it
  const actions = () => {
    const a = jobActions(job, can('operator')); // a viewer sees the job, not the actions it may not take
    return html`${a.run ? html`<button class="primary" id="run" @click=${() => act(`/api/jobs/${id}/run`, 'Job started')}>Run</button>` : nothing}
      ${a.stop ? html`<button class="danger" id="stop" @click=${stop}>Stop</button>` : nothing}
      ${a.copy ? html`<button id="copy" @click=${copy}>Copy</button>` : nothing}
      ${a.delete ? html`<button id="delete" @click=${remove}>Delete</button>` : nothing}`;
  };
  const summary = () => html`<div class="panel">
      <p>${badge(job.status)} over <a href="#/device-sets/${job.deviceSetId}">${set ? set.name : job.deviceSetId}</a>
        ${job.subset ? '(chosen devices)' : ''} · created ${time(job.createdAt)}
        ${job.startedAt ? html` · started ${time(job.startedAt)}` : nothing}${job.finishedAt ? html` · finished ${time(job.finishedAt)}` : nothing}</p>
      ${job.description ? html`<p>${job.description}</p>` : nothing}
      ${job.status === 'STOPPED' ? html`<div class="notice" id="run-blocked">This job was stopped and can never be run again; copy it to run the same job anew.</div>` : nothing}
      <div class="counts">${['total', 'completed', 'failed', 'pending', 'canceled'].map((k) =>
        html`<div class="count"><span class="muted">${k[0].toUpperCase() + k.slice(1)}</span><b id="count-${k}">${job.counts[k]}</b></div>`)}</div>
      <div style="margin-top:12px">${progress(job.counts)}${legend()}</div>
      <p class="muted">Operations: ${operationsText(job.operations)}</p>
    </div>`;
  const axis = () => {
    const t = state.timeline;
    if (!t) return '';
    const max = Math.max(1, ...t.completed.map((c, i) => c + t.failed[i]));
    const seconds = (Date.parse(t.end) - Date.parse(t.start)) / 1000;
    return `From start (left) to ${t.completed.length > 0 ? `${seconds.toFixed(1)} s later` : 'now'} (right), `
      + `in slices of ${(t.bucketMillis / 1000).toFixed(2)} s: completed devices in green, failed in red; tallest bar ${max}.`;
  };
  const devices = () => {
    const page = state.devices;
    if (!page) return nothing;
    if (page.totalItems === 0) return html`<div class="panel">No devices in this status.</div>`;
    return html`<div class="table-wrap"><table>
      <thead><tr><th>Device</th><th>Status</th><th>Error</th><th>Last update</th></tr></thead>
      <tbody>${page.items.map((e) => html`<tr>
        <td>${e.deviceName || e.deviceId} ${e.deviceDeleted ? html`<span class="badge s-CANCELED">deleted</span> <span class="muted">${e.deviceId}</span>` : nothing}</td>
        <td>${badge(e.status)}</td>
        <td>${e.failureReason ? `${e.failureReason}${e.error ? `: ${e.error.code || ''} ${e.error.message || ''}` : ''}` : ''}</td>
        <td>${time(e.updatedAt)}</td></tr>`)}</tbody></table></div>${pager(page, (p) => { state.page = p; loadDevices(); })}`;
  };
  const draw = () => render(html`
    <div class="bar"><h1 class="grow" id="job-title">${job.name}</h1><div id="actions" class="bar">${actions()}</div></div>
    <div id="summary">${summary()}</div>
    <h2>Completions and failures over time</h2>
    <svg class="chart" id="chart" role="img" aria-label="Completions and failures over time" viewBox="0 0 100 50"
      preserveAspectRatio="none">${state.timeline ? chartBars(state.timeline) : svg``}</svg>
    <p class="muted" id="chart-axis">${axis()}</p>
    <div class="bar" style="margin-top:16px"><h2 class="grow">Devices</h2>
      <div><label for="d-status">Status</label><select id="d-status" @change=${(ev) => { state.status = ev.target.value; state.page = 0; loadDevices(); }}>
        <option value="">All</option>${['PENDING', 'COMPLETED', 'FAILED', 'CANCELED'].map((s) => html`<option>${s}</option>`)}</select></div>
      <a class="button" id="csv" href="/api/jobs/${id}/devices.csv" download>Download CSV</a></div>
    <div id="devices">${devices()}</div>`, root);

  const loadChart = async () => {
    state.timeline = await api(`/api/jobs/${id}/timeline?buckets=40`);
    if (root.isConnected) draw();
  };
  const loadDevices = async () => {
    const params = new URLSearchParams({ page: state.page, size: 25 });
    if (state.status) params.set('status', state.status);
    state.devices = await api(`/api/jobs/${id}/devices?${params}`);
    if (root.isConnected) draw();
  };
  const refresh = () => Promise.all([loadChart(), loadDevices()]);

  draw();
  await refresh();
  // A live event is the job itself: the summary is drawn from it. The chart and the device list are fetched again
  // only when the counts moved, and at most every two seconds, however many viewers and events there are.
  let timer = null;
  onCleanup(() => clearTimeout(timer));
  live(`/api/jobs/${id}/events`, 'job', (ev) => {
    const next = JSON.parse(ev.data);
    const moved = countsChanged(job, next) || next.status !== job.status;
    job = next;
    draw();
    if (moved && !timer) timer = setTimeout(() => { timer = null; refresh().catch(() => {}); }, 2000);
  });
}

// ---------------------------------------------------------------- device sets, devices, templates

async function deviceSetsView() {
  const mount = mounter();
  const state = { ...pageParams(hashQuery(), 20), list: null, counts: {} };
  const root = mount();
  const definition = (s) => {
    if (s.kind !== 'FILTER') return 'explicit list';
    if (!s.conditions.length) return 'every device of the template';
    return s.conditions.map((c) => `${c.field} ${c.operator} ${c.value === undefined || c.value === null ? '' : JSON.stringify(c.value)}`).join(' and ');
  };
  const devicesCell = (s) => (s.broken
    ? html`${badge('BROKEN')} <span class="error">${s.brokenReason}</span>`
    : html`<a href="#/device-sets/${s.id}">${deviceCountText(state.counts[s.id])}</a>`);
  const draw = () => {
    const page = state.list;
    render(html`<h1>Device sets</h1>
      ${!page ? nothing : page.totalItems === 0 ? html`<div class="panel">No device sets yet. Create one with POST /api/device-sets.</div>` : html`
      <div class="table-wrap"><table><thead><tr><th>Name</th><th>Template</th><th>Kind</th><th>Definition</th><th>Devices now</th></tr></thead>
      <tbody>${page.items.map((s) => html`<tr data-set=${s.id}>
        <td><a href="#/device-sets/${s.id}">${s.name}</a></td><td>${s.template}</td><td>${s.kind}</td>
        <td>${definition(s)}</td><td class="device-count">${devicesCell(s)}</td></tr>`)}</tbody></table></div>
      ${pager(page, (p) => { state.page = p; load(); })}`}`, root);
  };
  const load = async () => {
    state.list = await api(`/api/device-sets?page=${state.page}&size=${state.size}`);
    if (!root.isConnected) return;
    draw();
    // how many devices each set of this page resolves to now: the total of a one-item page of its devices
    await Promise.all(state.list.items.filter((s) => !s.broken).map((s) => api(`/api/device-sets/${s.id}/devices?size=1`)
      .then((devicesPage) => { state.counts[s.id] = devicesPage.totalItems; })
      .catch(() => {})));
    if (root.isConnected) draw();
  };
  await load();
}

async function deviceSetView(id) {
  const mount = mounter();
  const set = await api(`/api/device-sets/${id}`);
  const state = { page: 0, list: null };
  const root = mount();
  const preview = () => {
    const page = state.list;
    if (!page) return nothing;
    if (page.totalItems === 0) return html`<div class="panel">No devices match right now.</div>`;
    return html`${deviceRows(page.items)}${pager(page, (p) => { state.page = p; load(); })}`;
  };
  const draw = () => render(html`<h1>${set.name}</h1><div class="panel"><p>Template <b>${set.template}</b> · ${set.kind}</p>
    ${set.broken ? html`<div class="notice bad">This set is broken: ${set.brokenReason}. Jobs cannot use it.</div>` : nothing}</div>
    <h2>Devices it resolves to now</h2><div id="preview">${preview()}</div>`, root);
  const load = async () => {
    state.list = await api(`/api/device-sets/${id}/devices?page=${state.page}&size=25`);
    if (root.isConnected) draw();
  };
  draw();
  if (!set.broken) await load();
}

function deviceRows(items) {
  return html`<div class="table-wrap"><table><thead><tr><th>Device</th><th>Presence</th><th>Attributes</th><th>Last seen</th></tr></thead>
    <tbody>${items.map((d) => html`<tr><td>${d.name} <span class="muted">${d.id}</span></td><td>${badge(d.presence)}</td>
      <td>${Object.entries(d.attributes || {}).map(([k, v]) => `${k}=${v}`).join(', ')}</td><td>${time(d.lastSeenAt)}</td></tr>`)}</tbody></table></div>`;
}

async function devicesView() {
  const mount = mounter();
  const templates = await allTemplates();
  const state = { ...pageParams(hashQuery(), 25), template: '', list: null };
  const root = mount();
  const list = () => {
    const page = state.list;
    if (!page) return nothing;
    if (page.totalItems === 0) return html`<div class="panel">No devices yet. Devices register themselves when they come online, or with POST /api/devices.</div>`;
    return html`<div class="table-wrap"><table><thead><tr><th>Device</th><th>Template</th><th>Presence</th><th>Reported</th><th>Last seen</th></tr></thead>
      <tbody>${page.items.map((d) => html`<tr><td>${d.name} <span class="muted">${d.id}</span></td><td>${d.template}</td>
        <td>${badge(d.presence)}</td><td>${Object.entries(d.reportedProperties || {}).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}</td>
        <td>${time(d.lastSeenAt)}</td></tr>`)}</tbody></table></div>${pager(page, (p) => { state.page = p; load(); })}`;
  };
  const draw = () => render(html`<h1>Devices</h1><div class="bar"><div><label for="t-filter">Template</label>
    <select id="t-filter" @change=${(ev) => { state.template = ev.target.value; state.page = 0; load(); }}><option value="">All</option>
    ${templates.map((t) => html`<option value=${t.id}>${t.name}</option>`)}</select></div></div><div id="list">${list()}</div>`, root);
  const load = async () => {
    const params = new URLSearchParams({ page: state.page, size: state.size });
    if (state.template) params.set('template', state.template);
    state.list = await api(`/api/devices?${params}`);
    if (root.isConnected) draw();
  };
  draw();
  await load();
}

async function templatesView() {
  const mount = mounter();
  const templates = await allTemplates();
  const none = html`<li class="muted">none</li>`;
  render(html`<h1>Templates</h1>${templates.length === 0 ? html`<div class="panel">No templates yet.</div>` : templates.map((t) => html`
    <section class="panel" aria-labelledby="t-${t.id}"><h2 id="t-${t.id}">${t.name} <span class="muted">${t.id}</span></h2>
      ${t.description ? html`<p>${t.description}</p>` : nothing}
      <div class="counts">
        <div><h3>Properties</h3><ul>${t.properties.length ? t.properties.map((p) => html`<li>${p.name}: ${p.type}${p.writable ? ' (writable)' : ''}</li>`) : none}</ul></div>
        <div><h3>Settings</h3><ul>${t.settings.length ? t.settings.map((s) => html`<li>${s.name}: ${s.type}</li>`) : none}</ul></div>
        <div><h3>Commands</h3><ul>${t.commands.length ? t.commands.map((c) => html`<li>${c.name}(${c.parameters.map((p) => `${p.name}: ${p.type}`).join(', ')})</li>`) : none}</ul></div>
      </div></section>`)}`, mount());
}
