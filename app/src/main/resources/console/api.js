// The REST API as promises. Errors carry the RFC 7807 problem the service answered with.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

// The signed-in user of this tab: { username, displayName, role, expiresAt, csrfToken }, or null. The session itself
// is an HttpOnly cookie this script cannot read; the CSRF token goes back on every request that changes something.
let session = null;
const ROLES = ['viewer', 'operator', 'admin'];

export function currentUser() { return session; }

/** Whether the signed-in user holds {@code role} (roles include the ones below them). */
export function can(role) {
  return session !== null && ROLES.indexOf(session.role) >= ROLES.indexOf(role);
}

export async function api(path, options = {}) {
  const init = { ...options, credentials: 'same-origin', headers: { Accept: 'application/json', ...(options.headers || {}) } };
  if (options.body !== undefined && typeof options.body !== 'string') {
    init.body = JSON.stringify(options.body);
    init.headers['Content-Type'] = 'application/json';
  }
  if (session && init.method && !['GET', 'HEAD'].includes(init.method.toUpperCase())) init.headers['X-CSRF-Token'] = session.csrfToken;
  const response = await fetch(path, init);
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (response.status === 401 && session && !path.startsWith('/api/auth/')) {
    session = null;
    window.dispatchEvent(new CustomEvent('fleet:signed-out', { detail: 'Your session has ended. Sign in again.' }));
  }
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

/** The session this browser already has (its cookie), or null. */
export async function loadSession() {
  try { session = await api('/api/auth/me'); } catch (e) { session = null; }
  return session;
}

export async function signIn(username, password) {
  session = await api('/api/auth/session', { method: 'POST', body: { username, password } });
  return session;
}

export async function signOut() {
  try { await api('/api/auth/session', { method: 'DELETE' }); } finally { session = null; }
}

export function problemText(e) {
  if (e instanceof ApiError) return e.problem?.detail || `The service answered ${e.status}`;
  return `The service could not be reached (${e.message})`;
}

/** Field -> message, from a problem's errors. */
export function fieldErrors(e) {
  const out = {};
  for (const err of e?.problem?.errors || []) if (err.field) out[err.field] = err.message;
  return out;
}
