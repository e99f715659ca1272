// The Users page (admins) and the API tokens page (everyone signed in). A generated password or a new token is shown
// once, in a notice with a copy button; the service never shows it again.
import { html, render, nothing } from './vendor/lit-html.js';
import { api, problemText, fieldErrors, can, currentUser } from './api.js';
import { toast, confirmDialog } from './ui.js';
import { time, fieldError, invalid } from './parts.js';

const ROLES = ['viewer', 'operator', 'admin'];

/** A notice holding a secret shown this once ({ id, intro, value, hint }), with a button that copies it. */
function secretNotice(secret) {
  if (!secret) return nothing;
  const copy = async (ev) => {
    try { await navigator.clipboard.writeText(secret.value); toast('Copied to the clipboard'); } catch (e) {
      window.getSelection().selectAllChildren(ev.target.closest('.notice').querySelector('code'));
      toast('Press Ctrl+C to copy the selected text');
    }
  };
  return html`<div class="notice" role="status"><p>${secret.intro}</p>
    <p><code class="secret" id=${secret.id}>${secret.value}</code> <button type="button" id="${secret.id}-copy" @click=${copy}>Copy</button></p>
    <p class="muted">${secret.hint}</p></div>`;
}

/** The messages of a refusal by field, and the one shown above the button when it names no field of the form. */
function refusal(e, fields) {
  const errors = fieldErrors(e);
  return { errors, message: fields.some((f) => errors[f]) ? '' : problemText(e) };
}

/** An input of a form with its label, hint and error, tied to it by aria-describedby. */
function field(errors, name, id, label, input, hint) {
  const a = invalid(errors, name);
  const describedBy = [hint ? `${id}-hint` : null, a.describedBy === nothing ? null : a.describedBy].filter(Boolean).join(' ') || nothing;
  return html`<div class="field"><label for=${id}>${label}</label>${input(a.invalid, describedBy)}
    ${hint ? html`<div class="muted" id="${id}-hint">${hint}</div>` : nothing}${fieldError(errors, name)}</div>`;
}

// ---------------------------------------------------------------- users

/** The Users page; {@code mount} gives the element to render into (see app.js). */
export async function usersView(mount) {
  const root = mount();
  if (!can('admin')) { render(html`<div class="notice bad">Only an admin manages users.</div>`, root); return; }
  const state = { users: [], errors: {}, message: '', secret: null };
  const me = currentUser().username;
  const showSecret = (secret) => {
    state.secret = secret;
    draw();
    root.querySelector(`#${CSS.escape(secret.id)}-copy`)?.focus();
  };
  const change = async (call, message) => {
    try { await call(); toast(message); } catch (e) { toast(problemText(e)); }
    await load();
  };
  const setRole = (u, role) => change(() => api(`/api/users/${encodeURIComponent(u.username)}`, { method: 'PATCH', body: { role } }), `${u.username} is now ${role}`);
  const setStanding = (u) => change(() => api(`/api/users/${encodeURIComponent(u.username)}`, { method: 'PATCH', body: { disabled: !u.disabled } }),
    `${u.username} is ${!u.disabled ? 'disabled; their sessions and tokens stop working' : 'enabled'}`);
  const reset = async (u) => {
    if (!(await confirmDialog(`Reset ${u.username}'s password?`, 'A new password is generated and shown once; their sessions end.', 'Reset password'))) return;
    try {
      const user = await api(`/api/users/${encodeURIComponent(u.username)}/password`, { method: 'PUT', body: {} });
      showSecret({ id: 'shown-password', intro: `The new password of ${u.username}:`, value: user.password, hint: 'Copy it now and hand it over safely: it is not shown again.' });
      await load();
    } catch (e) { toast(problemText(e)); }
  };
  const remove = async (u) => {
    if (!(await confirmDialog(`Delete ${u.username}?`, 'They can no longer sign in, and their API tokens stop working. The audit log keeps their name.', 'Delete user'))) return;
    change(() => api(`/api/users/${encodeURIComponent(u.username)}`, { method: 'DELETE' }), `${u.username} deleted`);
  };
  const create = async (ev) => {
    ev.preventDefault();
    const form = ev.target;
    const body = { username: form.querySelector('#user-name').value.trim(), role: form.querySelector('#user-role').value };
    const display = form.querySelector('#user-display').value.trim();
    const password = form.querySelector('#user-password').value;
    if (display) body.displayName = display;
    if (password) body.password = password;
    try {
      const user = await api('/api/users', { method: 'POST', body });
      form.reset();
      state.errors = {};
      state.message = '';
      if (user.password) {
        showSecret({ id: 'shown-password', intro: `The generated password of ${user.username}:`, value: user.password, hint: 'Copy it now and hand it over safely: it is not shown again.' });
      } else {
        state.secret = null;
        toast(`${user.username} created`);
      }
      await load();
    } catch (e) {
      ({ errors: state.errors, message: state.message } = refusal(e, ['username', 'displayName', 'role', 'password']));
      draw();
    }
  };
  const row = (u) => html`<tr data-user=${u.username}>
    <td>${u.username}${u.displayName && u.displayName !== u.username ? html` <span class="muted">${u.displayName}</span>` : nothing}</td>
    <td>${u.username === me ? u.role : html`<label class="sr-only" for="role-${u.username}">Role of ${u.username}</label>
      <select id="role-${u.username}" data-role-of=${u.username} @change=${(ev) => setRole(u, ev.target.value)}>${ROLES.map((r) => html`<option ?selected=${r === u.role}>${r}</option>`)}</select>`}</td>
    <td>${u.disabled ? html`<span class="badge s-STOPPED">disabled</span>` : html`<span class="badge s-COMPLETED">enabled</span>`}</td>
    <td>${u.hasPassword ? html`set ${time(u.passwordChangedAt)}` : html`<span class="muted">none (single sign-on)</span>`}</td>
    <td>${time(u.createdAt)}</td>
    <td>${u.username === me ? html`<span class="muted">you</span>` : html`<div class="bar">
      <button type="button" data-standing=${u.username} @click=${() => setStanding(u)}>${u.disabled ? 'Enable' : 'Disable'}</button>
      <button type="button" data-reset=${u.username} @click=${() => reset(u)}>Reset password</button>
      <button type="button" class="danger" data-delete=${u.username} @click=${() => remove(u)}>Delete</button></div>`}</td></tr>`;
  const draw = () => {
    const e = state.errors;
    render(html`<h1>Users</h1>
    <form class="panel" id="new-user" novalidate @submit=${create}><h2>New user</h2>
      <div class="bar">
        ${field(e, 'username', 'user-name', 'User name', (inv, desc) => html`<input id="user-name" autocomplete="off" required aria-invalid=${inv} aria-describedby=${desc}>`)}
        ${field(e, 'displayName', 'user-display', 'Display name (optional)', (inv, desc) => html`<input id="user-display" autocomplete="off" aria-invalid=${inv} aria-describedby=${desc}>`)}
        ${field(e, 'role', 'user-role', 'Role', (inv, desc) => html`<select id="user-role" aria-invalid=${inv} aria-describedby=${desc}>${ROLES.map((r) => html`<option>${r}</option>`)}</select>`)}
        ${field(e, 'password', 'user-password', 'Password (optional)', (inv, desc) => html`<input id="user-password" type="password"
          autocomplete="new-password" aria-invalid=${inv} aria-describedby=${desc}>`, 'Leave empty to have one generated, shown once.')}
      </div>
      <div class="error form-error" role="alert">${state.message}</div>
      <button class="primary" type="submit" id="create-user">Create user</button>
    </form>
    <div id="user-secret">${secretNotice(state.secret)}</div>
    <div id="users"><div class="table-wrap"><table>
      <thead><tr><th>User</th><th>Role</th><th>Standing</th><th>Password</th><th>Created</th><th>Actions</th></tr></thead>
      <tbody>${state.users.map(row)}</tbody></table></div></div>`, root);
  };
  const load = async () => {
    state.users = await api('/api/users');
    if (root.isConnected) draw();
  };
  draw();
  await load();
}

// ---------------------------------------------------------------- API tokens

/** The API tokens page; {@code mount} gives the element to render into (see app.js). */
export async function tokensView(mount) {
  const root = mount();
  const admin = can('admin');
  const state = { all: false, tokens: null, errors: {}, message: '', secret: null };
  const standing = (t, now) => {
    if (t.revokedAt) return html`revoked ${time(t.revokedAt)}`;
    if (t.expiresAt && Date.parse(t.expiresAt) <= now) return html`expired ${time(t.expiresAt)}`;
    return 'active';
  };
  const revoke = async (t) => {
    if (!(await confirmDialog(`Revoke "${t.name}"?`, 'Scripts using it are refused from now on. This cannot be undone.', 'Revoke'))) return;
    try { await api(`/api/tokens/${encodeURIComponent(t.id)}`, { method: 'DELETE' }); toast(`"${t.name}" revoked`); } catch (e) { toast(problemText(e)); }
    await load();
  };
  const create = async (ev) => {
    ev.preventDefault();
    const form = ev.target;
    const body = { name: form.querySelector('#token-name').value.trim() };
    const day = form.querySelector('#token-expires').value;
    if (day) body.expiresAt = new Date(`${day}T23:59:59`).toISOString();
    try {
      const token = await api('/api/tokens', { method: 'POST', body });
      form.reset();
      state.errors = {};
      state.message = '';
      state.secret = { id: 'token-value', intro: `Your new token "${token.name}":`, value: token.token,
        hint: 'Copy it now and keep it like a password: it is shown only this once. Revoke it here when it is no longer needed.' };
      draw();
      root.querySelector('#token-value-copy')?.focus();
      await load();
    } catch (e) {
      ({ errors: state.errors, message: state.message } = refusal(e, ['name', 'expiresAt']));
      draw();
    }
  };
  const list = () => {
    const tokens = state.tokens;
    if (!tokens) return nothing;
    if (tokens.length === 0) return html`<div class="panel">No API tokens${state.all ? '' : ' of yours'} yet.</div>`;
    const now = Date.now();
    return html`<div class="table-wrap"><table>
      <thead><tr><th>Name</th>${state.all ? html`<th>User</th>` : nothing}<th>Starts with</th><th>Created</th><th>Expires</th><th>Last used</th><th>State</th><th>Actions</th></tr></thead>
      <tbody>${tokens.map((t) => html`<tr data-token=${t.id}>
        <td>${t.name}</td>${state.all ? html`<td>${t.username}</td>` : nothing}<td><code>${t.hint}…</code></td>
        <td>${time(t.createdAt)}</td><td>${t.expiresAt ? time(t.expiresAt) : html`<span class="muted">never</span>`}</td>
        <td>${time(t.lastUsedAt)}</td><td class="token-state">${standing(t, now)}</td>
        <td>${t.revokedAt ? nothing : html`<button type="button" class="danger" data-revoke=${t.id} aria-label="Revoke ${t.name}"
          @click=${() => revoke(t)}>Revoke</button>`}</td></tr>`)}</tbody></table></div>`;
  };
  const draw = () => {
    const e = state.errors;
    render(html`<h1>API tokens</h1>
    <p class="muted">Tokens let scripts call the API as you, with your role: <code>Authorization: Bearer fjt_…</code>.</p>
    <form class="panel" id="new-token" novalidate @submit=${create}><h2>New token</h2>
      <div class="bar">
        ${field(e, 'name', 'token-name', 'Name', (inv, desc) => html`<input id="token-name" autocomplete="off" required aria-invalid=${inv}
          aria-describedby=${desc}>`, 'What uses it, e.g. "grafana" or "nightly export".')}
        ${field(e, 'expiresAt', 'token-expires', 'Expires on (optional)', (inv, desc) => html`<input id="token-expires" type="date" aria-invalid=${inv}
          aria-describedby=${desc}>`, 'At the end of that day; empty: until revoked.')}
      </div>
      <div class="error form-error" role="alert">${state.message}</div>
      <button class="primary" type="submit" id="create-token">Create token</button>
    </form>
    <div id="token-secret">${secretNotice(state.secret)}</div>
    ${admin ? html`<div class="bar"><label><input type="checkbox" id="all-tokens" @change=${(ev) => { state.all = ev.target.checked; load(); }}> Show every user's tokens</label></div>` : nothing}
    <div id="tokens">${list()}</div>`, root);
  };
  const load = async () => {
    state.tokens = await api(`/api/tokens${state.all ? '?all=true' : ''}`);
    if (root.isConnected) draw();
  };
  draw();
  await load();
}
