// Pieces of the views as lit-html templates: every value interpolated into them is text, never markup.
import { html, svg, nothing } from './vendor/lit-html.js';
import { pagerModel, errorId } from './model.js';

export function time(iso) {
  if (!iso) return html`<span class="muted">—</span>`;
  return html`<time datetime=${iso}>${new Date(iso).toLocaleString()}</time>`;
}

export function badge(status) {
  return html`<span class="badge s-${status}">${status}</span>`;
}

/** A stacked bar of completed / failed / pending / canceled devices. */
export function progress(c) {
  const total = Math.max(1, c.total);
  const part = (n, cls, label) => (n > 0 ? html`<span class=${cls} style="width:${(n / total) * 100}%" title="${n} ${label}"></span>` : nothing);
  return html`<div class="progress" role="img" aria-label="${c.completed} completed, ${c.failed} failed, ${c.pending} pending, ${c.canceled} canceled of ${c.total}">${
    part(c.completed, 'p-completed', 'completed')}${part(c.failed, 'p-failed', 'failed')}${part(c.pending, 'p-pending', 'pending')}${part(c.canceled, 'p-canceled', 'canceled')}</div>`;
}

export function legend() {
  return html`<div class="legend" aria-hidden="true"><span><i class="p-completed"></i>Completed</span><span><i class="p-failed"></i>Failed</span>
    <span><i class="p-pending"></i>Pending</span><span><i class="p-canceled"></i>Canceled</span></div>`;
}

/** Previous / Next of a paged list; plain buttons, so that one inside a form (the wizard's device picker) never submits it. */
export function pager(page, go) {
  const m = pagerModel(page);
  if (!m) return nothing;
  return html`<nav class="pager" aria-label="Pages">
    <button type="button" data-page=${m.previous ?? ''} ?disabled=${m.previous === null} @click=${() => go(m.previous)}>Previous</button>
    <span>${m.label}</span>
    <button type="button" data-page=${m.next ?? ''} ?disabled=${m.next === null} @click=${() => go(m.next)}>Next</button></nav>`;
}

/** A field's error message, with the id its input names in aria-describedby; nothing when the field has none. */
export function fieldError(errors, field) {
  return errors[field] ? html`<div class="error" id=${errorId(field)}>${errors[field]}</div>` : nothing;
}

/** The ARIA attributes of an input whose field may have an error: [aria-invalid, aria-describedby]. */
export function invalid(errors, ...fields) {
  const wrong = fields.filter((f) => errors[f]);
  return { invalid: wrong.length ? 'true' : nothing, describedBy: wrong.length ? wrong.map(errorId).join(' ') : nothing };
}

/** The timeline's bars: completed in green, failed in red on top. */
export function chartBars(t) {
  const max = Math.max(1, ...t.completed.map((c, i) => c + t.failed[i]));
  const w = 100 / Math.max(1, t.completed.length);
  return t.completed.map((c, i) => {
    const hc = (c / max) * 46;
    const hf = (t.failed[i] / max) * 46;
    return svg`<rect x=${i * w + 0.1} y=${48 - hc} width=${w - 0.2} height=${hc} fill="#1a7f37"><title>${c} completed</title></rect>
      <rect x=${i * w + 0.1} y=${48 - hc - hf} width=${w - 0.2} height=${hf} fill="#c62828"><title>${t.failed[i]} failed</title></rect>`;
  });
}
