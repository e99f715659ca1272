// Small rendering helpers shared by the views.

export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

export function fmtTime(iso) {
  if (!iso) return '<span class="muted">—</span>';
  const d = new Date(iso);
  return `<time datetime="${esc(iso)}">${esc(d.toLocaleString())}</time>`;
}

export function badge(status) {
  return `<span class="badge s-${esc(status)}">${esc(status)}</span>`;
}

/** A stacked bar of completed / failed / pending / canceled devices. */
export function progress(c) {
  const total = Math.max(1, c.total);
  const part = (n, cls, label) => (n > 0 ? `<span class="${cls}" style="width:${(n / total) * 100}%" title="${n} ${label}"></span>` : '');
  return `<div class="progress" role="img" aria-label="${c.completed} completed, ${c.failed} failed, ${c.pending} pending, ${c.canceled} canceled of ${c.total}">
    ${part(c.completed, 'p-completed', 'completed')}${part(c.failed, 'p-failed', 'failed')}${part(c.pending, 'p-pending', 'pending')}${part(c.canceled, 'p-canceled', 'canceled')}</div>`;
}

/** A job's progress in words: devices done (completed or failed) of all, and those canceled; never "0 of 0". */
export function progressText(j) {
  const c = j.counts;
  if (c.total === 0) {
    return j.status === 'PENDING' ? 'not run yet' : 'no devices';
  }
  const canceled = c.canceled ? `, ${c.canceled} canceled` : '';
  return `${c.completed + c.failed} of ${c.total} done${canceled}`;
}

export function legend() {
  return `<div class="legend" aria-hidden="true"><span><i class="p-completed"></i>Completed</span><span><i class="p-failed"></i>Failed</span>
    <span><i class="p-pending"></i>Pending</span><span><i class="p-canceled"></i>Canceled</span></div>`;
}

/**
 * What the Operations step must have before it moves on, by field as the service names them: a name for each
 * operation, a value for each setting or property, and each required command parameter. The service checks the
 * rest (types, ranges) when the job is created.
 */
export function operationsCheck(operations, template) {
  const errors = {};
  operations.forEach((op, i) => {
    const at = `operations[${i}]`;
    if (!op.name) {
      errors[`${at}.name`] = 'Choose what this operation changes or runs.';
    } else if (op.type === 'COMMAND') {
      const command = (template?.commands || []).find((c) => c.name === op.name);
      (command?.parameters || []).filter((p) => p.required && op.parameters[p.name] === undefined)
        .forEach((p) => { errors[`${at}.parameters.${p.name}`] = `Give ${p.name} a value.`; });
    } else if (op.value === undefined || op.value === null) {
      errors[`${at}.value`] = 'Give a value.';
    }
  });
  return errors;
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
