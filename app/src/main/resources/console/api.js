// The REST API as promises. Errors carry the RFC 7807 problem the service answered with.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export async function api(path, options = {}) {
  const init = { ...options, headers: { Accept: 'application/json', ...(options.headers || {}) } };
  if (options.body !== undefined && typeof options.body !== 'string') {
    init.body = JSON.stringify(options.body);
    init.headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, init);
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
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
