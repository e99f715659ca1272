// The Users page (admins) and the API tokens page (everyone signed in). A generated password or a new token is shown
// once, in a notice with a copy button; the service never shows it again.
import { api, problemText, fieldErrors, can, currentUser } from './api.js';
import { esc, fmtTime, toast, confirmDialog } from './ui.js';

const ROLES = ['viewer', 'operator', 'admin'];

/** A notice holding a secret shown this once, with a button that copies it. */
function secretNotice(box, id, intro, value, hint) {
  box.innerHTML = `<div class="notice" role="status"><p>${esc(intro)}</p>
    <p><code class="secret" id="${esc(id)}">${esc(value)}</code> <button type="button" id="${esc(id)}-copy">Copy</button></p>
    <p class="muted">${esc(hint)}</p></div>`;
  box.querySelector(`#${CSS.escape(id)}-copy`).addEventListener('click', async () => {
    try { await navigator.clipboard.writeText(value); toast('Copied to the clipboard'); } catch (e) {
      window.getSelection().selectAllChildren(box.querySelector('code'));
      toast('Press Ctrl+C to copy the selected text');
    }
  });
  box.querySelector('button').focus();
}

/** Shows a refusal's messages next to the fields it names, or above the button; {@code e} null clears them. */
function showFieldErrors(form, e) {
  const errors = e ? fieldErrors(e) : {};
  let placed = false;
  form.querySelectorAll('[id^="err-"]').forEach((box) => {
    const message = errors[box.id.slice(4)] || '';
    box.textContent = message;
    placed = placed || message !== '';
  });
  form.querySelector('.form-error').textContent = e && !placed ? problemText(e) : '';
}

// ---------------------------------------------------------------- users

export async function usersView(main) {
  if (!can('admin')) { main.innerHTML = '<div class="notice bad">Only an admin manages users.</div>'; return; }
  main.innerHTML = `<h1>Users</h1>
    <form class="panel" id="new-user" novalidate><h2>New user</h2>
      <div class="bar">
        <div class="field"><label for="user-name">User name</label><input id="user-name" autocomplete="off" required><div class="error" id="err-username"></div></div>
        <div class="field"><label for="user-display">Display name (optional)</label><input id="user-display" autocomplete="off"><div class="error" id="err-displayName"></div></div>
        <div class="field"><label for="user-role">Role</label><select id="user-role">${ROLES.map((r) => `<option>${r}</option>`).join('')}</select>
          <div class="error" id="err-role"></div></div>
        <div class="field"><label for="user-password">Password (optional)</label>
          <input id="user-password" type="password" autocomplete="new-password" aria-describedby="user-password-hint">
          <div class="muted" id="user-password-hint">Leave empty to have one generated, shown once.</div><div class="error" id="err-password"></div></div>
      </div>
      <div class="error form-error" role="alert"></div>
      <button class="primary" type="submit" id="create-user">Create user</button>
    </form>
    <div id="user-secret"></div>
    <div id="users"></div>`;
  const form = main.querySelector('#new-user');
  const secret = main.querySelector('#user-secret');
  const render = async () => {
    const users = await api('/api/users');
    const me = currentUser().username;
    main.querySelector('#users').innerHTML = `<div class="table-wrap"><table>
      <thead><tr><th>User</th><th>Role</th><th>Standing</th><th>Password</th><th>Created</th><th>Actions</th></tr></thead>
      <tbody>${users.map((u) => `<tr data-user="${esc(u.username)}">
        <td>${esc(u.username)}${u.displayName && u.displayName !== u.username ? ` <span class="muted">${esc(u.displayName)}</span>` : ''}</td>
        <td>${u.username === me ? esc(u.role) : `<label class="sr-only" for="role-${esc(u.username)}">Role of ${esc(u.username)}</label>
          <select id="role-${esc(u.username)}" data-role-of="${esc(u.username)}">${ROLES.map((r) => `<option ${r === u.role ? 'selected' : ''}>${r}</option>`).join('')}</select>`}</td>
        <td>${u.disabled ? '<span class="badge s-STOPPED">disabled</span>' : '<span class="badge s-COMPLETED">enabled</span>'}</td>
        <td>${u.hasPassword ? `set ${fmtTime(u.passwordChangedAt)}` : '<span class="muted">none (single sign-on)</span>'}</td>
        <td>${fmtTime(u.createdAt)}</td>
        <td>${u.username === me ? '<span class="muted">you</span>' : `<div class="bar">
          <button type="button" data-standing="${esc(u.username)}" data-disabled="${u.disabled}">${u.disabled ? 'Enable' : 'Disable'}</button>
          <button type="button" data-reset="${esc(u.username)}">Reset password</button>
          <button type="button" class="danger" data-delete="${esc(u.username)}">Delete</button></div>`}</td></tr>`).join('')}</tbody></table></div>`;
    const box = main.querySelector('#users');
    box.querySelectorAll('[data-role-of]').forEach((s) => s.addEventListener('change', () =>
      change(() => api(`/api/users/${encodeURIComponent(s.dataset.roleOf)}`, { method: 'PATCH', body: { role: s.value } }), `${s.dataset.roleOf} is now ${s.value}`)));
    box.querySelectorAll('[data-standing]').forEach((b) => b.addEventListener('click', () => {
      const disable = b.dataset.disabled !== 'true';
      change(() => api(`/api/users/${encodeURIComponent(b.dataset.standing)}`, { method: 'PATCH', body: { disabled: disable } }),
        `${b.dataset.standing} is ${disable ? 'disabled; their sessions and tokens stop working' : 'enabled'}`);
    }));
    box.querySelectorAll('[data-reset]').forEach((b) => b.addEventListener('click', async () => {
      const name = b.dataset.reset;
      if (!(await confirmDialog(`Reset ${name}'s password?`, 'A new password is generated and shown once; their sessions end.', 'Reset password'))) return;
      try {
        const user = await api(`/api/users/${encodeURIComponent(name)}/password`, { method: 'PUT', body: {} });
        secretNotice(secret, 'shown-password', `The new password of ${name}:`, user.password, 'Copy it now and hand it over safely: it is not shown again.');
        await render();
      } catch (e) { toast(problemText(e)); }
    }));
    box.querySelectorAll('[data-delete]').forEach((b) => b.addEventListener('click', async () => {
      const name = b.dataset.delete;
      if (!(await confirmDialog(`Delete ${name}?`, 'They can no longer sign in, and their API tokens stop working. The audit log keeps their name.', 'Delete user'))) return;
      change(() => api(`/api/users/${encodeURIComponent(name)}`, { method: 'DELETE' }), `${name} deleted`);
    }));
  };
  const change = async (call, message) => {
    try { await call(); toast(message); } catch (e) { toast(problemText(e)); }
    await render();
  };
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { username: form.querySelector('#user-name').value.trim(), role: form.querySelector('#user-role').value };
    const display = form.querySelector('#user-display').value.trim();
    const password = form.querySelector('#user-password').value;
    if (display) body.displayName = display;
    if (password) body.password = password;
    try {
      const user = await api('/api/users', { method: 'POST', body });
      form.reset();
      showFieldErrors(form, null);
      if (user.password) {
        secretNotice(secret, 'shown-password', `The generated password of ${user.username}:`, user.password,
          'Copy it now and hand it over safely: it is not shown again.');
      } else {
        secret.innerHTML = '';
        toast(`${user.username} created`);
      }
      await render();
    } catch (e) { showFieldErrors(form, e); }
  });
  await render();
}

// ---------------------------------------------------------------- API tokens

export async function tokensView(main) {
  const admin = can('admin');
  const state = { all: false };
  main.innerHTML = `<h1>API tokens</h1>
    <p class="muted">Tokens let scripts call the API as you, with your role: <code>Authorization: Bearer fjt_…</code>.</p>
    <form class="panel" id="new-token" novalidate><h2>New token</h2>
      <div class="bar">
        <div class="field"><label for="token-name">Name</label><input id="token-name" autocomplete="off" required aria-describedby="token-name-hint">
          <div class="muted" id="token-name-hint">What uses it, e.g. "grafana" or "nightly export".</div><div class="error" id="err-name"></div></div>
        <div class="field"><label for="token-expires">Expires on (optional)</label><input id="token-expires" type="date" aria-describedby="token-expires-hint">
          <div class="muted" id="token-expires-hint">At the end of that day; empty: until revoked.</div><div class="error" id="err-expiresAt"></div></div>
      </div>
      <div class="error form-error" role="alert"></div>
      <button class="primary" type="submit" id="create-token">Create token</button>
    </form>
    <div id="token-secret"></div>
    ${admin ? '<div class="bar"><label><input type="checkbox" id="all-tokens"> Show every user\'s tokens</label></div>' : ''}
    <div id="tokens"></div>`;
  const form = main.querySelector('#new-token');
  const secret = main.querySelector('#token-secret');
  const render = async () => {
    const tokens = await api(`/api/tokens${state.all ? '?all=true' : ''}`);
    const now = Date.now();
    const standing = (t) => (t.revokedAt ? `revoked ${fmtTime(t.revokedAt)}`
      : t.expiresAt && Date.parse(t.expiresAt) <= now ? `expired ${fmtTime(t.expiresAt)}` : 'active');
    const box = main.querySelector('#tokens');
    box.innerHTML = tokens.length === 0 ? `<div class="panel">No API tokens${state.all ? '' : ' of yours'} yet.</div>` : `<div class="table-wrap"><table>
      <thead><tr><th>Name</th>${state.all ? '<th>User</th>' : ''}<th>Starts with</th><th>Created</th><th>Expires</th><th>Last used</th><th>State</th><th>Actions</th></tr></thead>
      <tbody>${tokens.map((t) => `<tr data-token="${esc(t.id)}">
        <td>${esc(t.name)}</td>${state.all ? `<td>${esc(t.username)}</td>` : ''}<td><code>${esc(t.hint)}…</code></td>
        <td>${fmtTime(t.createdAt)}</td><td>${t.expiresAt ? fmtTime(t.expiresAt) : '<span class="muted">never</span>'}</td>
        <td>${fmtTime(t.lastUsedAt)}</td><td class="token-state">${standing(t)}</td>
        <td>${t.revokedAt ? '' : `<button type="button" class="danger" data-revoke="${esc(t.id)}" data-name="${esc(t.name)}"
          aria-label="Revoke ${esc(t.name)}">Revoke</button>`}</td></tr>`).join('')}</tbody></table></div>`;
    box.querySelectorAll('[data-revoke]').forEach((b) => b.addEventListener('click', async () => {
      if (!(await confirmDialog(`Revoke "${b.dataset.name}"?`, 'Scripts using it are refused from now on. This cannot be undone.', 'Revoke'))) return;
      try { await api(`/api/tokens/${encodeURIComponent(b.dataset.revoke)}`, { method: 'DELETE' }); toast(`"${b.dataset.name}" revoked`); } catch (e) { toast(problemText(e)); }
      await render();
    }));
  };
  main.querySelector('#all-tokens')?.addEventListener('change', (ev) => { state.all = ev.target.checked; render(); });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { name: form.querySelector('#token-name').value.trim() };
    const day = form.querySelector('#token-expires').value;
    if (day) body.expiresAt = new Date(`${day}T23:59:59`).toISOString();
    try {
      const token = await api('/api/tokens', { method: 'POST', body });
      form.reset();
      showFieldErrors(form, null);
      secretNotice(secret, 'token-value', `Your new token "${token.name}":`, token.token,
        'Copy it now and keep it like a password: it is shown only this once. Revoke it here when it is no longer needed.');
      await render();
    } catch (e) { showFieldErrors(form, e); }
  });
  await render();
}
