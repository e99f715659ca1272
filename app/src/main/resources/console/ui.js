// Small helpers of the views that still render by strings (wizard, users, tokens, audit): there every value must go
// through esc(). The views on lit-html (app.js) use parts.js instead, where values are text by default.

export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

export function fmtTime(iso) {
  if (!iso) return '<span class="muted">—</span>';
  const d = new Date(iso);
  return `<time datetime="${esc(iso)}">${esc(d.toLocaleString())}</time>`;
}

/** Previous / Next of a paged list; plain buttons, so that one inside a form (the wizard's device picker) never submits it. */
export function pager(page) {
  if (page.totalPages <= 1) return '';
  return `<nav class="pager" aria-label="Pages">
    <button type="button" data-page="${page.page - 1}" ${page.page === 0 ? 'disabled' : ''}>Previous</button>
    <span>Page ${page.page + 1} of ${page.totalPages} · ${page.totalItems} items</span>
    <button type="button" data-page="${page.page + 1}" ${page.page + 1 >= page.totalPages ? 'disabled' : ''}>Next</button></nav>`;
}

export function toast(message) {
  const box = document.getElementById('toast');
  const item = document.createElement('div');
  item.textContent = message;
  box.appendChild(item);
  setTimeout(() => item.remove(), 5000);
}

/** A modal confirmation; resolves true when confirmed. */
export function confirmDialog(title, text, action) {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.setAttribute('aria-labelledby', 'confirm-title');
    dialog.innerHTML = `<h2 id="confirm-title">${esc(title)}</h2><p>${esc(text)}</p>
      <div class="bar"><button class="danger" id="confirm-yes">${esc(action)}</button><button id="confirm-no">Cancel</button></div>`;
    document.body.appendChild(dialog);
    const done = (value) => { dialog.close(); dialog.remove(); resolve(value); };
    dialog.querySelector('#confirm-yes').addEventListener('click', () => done(true));
    dialog.querySelector('#confirm-no').addEventListener('click', () => done(false));
    dialog.addEventListener('cancel', () => done(false));
    dialog.showModal();
    dialog.querySelector('#confirm-no').focus();
  });
}
