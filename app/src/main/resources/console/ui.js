// Small helpers shared by the views: messages that come and go, and the confirmation dialog.
import { html, render } from './vendor/lit-html.js';

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
    const done = (value) => { dialog.close(); dialog.remove(); resolve(value); };
    render(html`<h2 id="confirm-title">${title}</h2><p>${text}</p>
      <div class="bar"><button class="danger" id="confirm-yes" @click=${() => done(true)}>${action}</button>
        <button id="confirm-no" @click=${() => done(false)}>Cancel</button></div>`, dialog);
    document.body.appendChild(dialog);
    dialog.addEventListener('cancel', () => done(false));
    dialog.showModal();
    dialog.querySelector('#confirm-no').focus();
  });
}
