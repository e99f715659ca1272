// The new-job wizard: name, device set, operations typed by the set's template, devices, then run or save.
// The service validates; its problem+json field errors are shown next to the inputs they name, and each such input
// says so (aria-invalid) and names its message (aria-describedby). Drawn with lit-html: a change redraws only what
// it changes, never the whole form, so the focus and what was typed stay.
import { html, render, nothing } from './vendor/lit-html.js';
import { api, problemText, fieldErrors } from './api.js';
import { toast } from './ui.js';
import { pager, fieldError, invalid } from './parts.js';
import { operationsCheck, allItems } from './model.js';

const STEPS = ['Name', 'Device set', 'Operations', 'Devices', 'Run'];

/** The typed value of an input's text; text that is not a number goes as text, for the service to name the field. */
function parse(raw, type) {
  if (raw === '') return undefined;
  if (type === 'BOOLEAN') return raw === 'true';
  if (type === 'INTEGER' || type === 'NUMBER') return Number.isNaN(Number(raw)) ? raw : Number(raw);
  return raw;
}

/** The wizard; {@code mount} gives the element to render into (see app.js). */
export async function newJobView(mount) {
  const sets = await allItems((page, size) => api(`/api/device-sets?page=${page}&size=${size}`));
  const templates = Object.fromEntries((await allItems((page, size) => api(`/api/templates?page=${page}&size=${size}`))).map((t) => [t.id, t]));
  // an operation keeps the text of its inputs (text) beside their typed values (value, parameters)
  const job = { name: '', description: '', setId: null, operations: [], allDevices: true, chosen: new Set(), devicePage: 0 };
  let step = 0;
  let errors = {};
  let picker = null; // the device picker's page of the set's devices
  const root = mount();

  const template = () => templates[sets.find((s) => s.id === job.setId)?.template];
  const draw = () => render(wizard(), root);

  const wizard = () => html`<h1>New job</h1>
    <ol class="steps">${STEPS.map((s, i) => html`<li aria-current=${i === step ? 'step' : nothing}>${i + 1}. ${s}</li>`)}</ol>
    <form id="wizard" class="panel" novalidate @submit=${next}>${[nameStep, setStep, operationsStep, devicesStep, runStep][step]()}
      <div id="form-error" class="error" role="alert">${errors._ || ''}</div>
      <div class="bar" style="margin-top:12px">
        ${step > 0 ? html`<button type="button" id="back" @click=${back}>Back</button>` : nothing}
        ${step < STEPS.length - 1 ? html`<button type="submit" class="primary" id="next">Next</button>` : nothing}
      </div></form>`;

  const nameStep = () => {
    const name = invalid(errors, 'name');
    const description = invalid(errors, 'description');
    return html`
    <div class="field"><label for="job-name">Name</label><input id="job-name" size="40" required .value=${job.name}
      aria-invalid=${name.invalid} aria-describedby=${name.describedBy} @input=${(ev) => { job.name = ev.target.value; }}>${fieldError(errors, 'name')}</div>
    <div class="field"><label for="job-description">Description (optional)</label><textarea id="job-description" rows="2" cols="40"
      .value=${job.description} aria-invalid=${description.invalid} aria-describedby=${description.describedBy}
      @input=${(ev) => { job.description = ev.target.value; }}></textarea>${fieldError(errors, 'description')}</div>`;
  };

  const setStep = () => {
    const a = invalid(errors, 'deviceSetId');
    return html`<fieldset aria-invalid=${a.invalid} aria-describedby=${a.describedBy}><legend>Device set</legend>
    ${sets.length === 0 ? html`<p>No device sets yet.</p>` : sets.map((s) => html`<div class="field">
      <label><input type="radio" name="set" value=${s.id} ?disabled=${s.broken} .checked=${job.setId === s.id} @change=${() => chooseSet(s.id)}>
        ${s.name} <span class="muted">(${s.template})</span></label>
      ${s.broken ? html`<div class="error">Broken: ${s.brokenReason}</div>` : nothing}</div>`)}
    ${fieldError(errors, 'deviceSetId')}</fieldset>`;
  };

  const chooseSet = (id) => {
    if (job.setId !== id) { job.operations = []; job.chosen.clear(); job.devicePage = 0; picker = null; }
    job.setId = id;
  };

  const operationsStep = () => {
    const t = template();
    return html`<p class="muted">Operations of template <b>${t?.name || '?'}</b>, applied in order (1 to 30).</p>
      ${fieldError(errors, 'operations')}
      <div id="ops">${job.operations.map((op, i) => operationRow(op, i, t))}</div>
      <button type="button" id="add-op" ?disabled=${job.operations.length >= 30} @click=${addOperation}>Add operation</button>`;
  };

  const addOperation = () => {
    job.operations.push({ type: 'SETTING', name: '', value: undefined, parameters: {}, text: { value: '', parameters: {} } });
    draw();
    root.querySelector(`#op-${job.operations.length - 1}-type`)?.focus();
  };

  const operationRow = (op, i, t) => {
    const names = op.type === 'SETTING' ? t.settings : op.type === 'PROPERTY' ? t.properties.filter((p) => p.writable) : t.commands;
    const chosen = names.find((n) => n.name === op.name);
    const at = `operations[${i}]`;
    let inputs = nothing;
    if (op.type === 'COMMAND') {
      inputs = (chosen?.parameters || []).map((p) => valueInput(`op-${i}-param-${p.name}`, `${p.name} (${p.type})`, p.type,
        op.text.parameters[p.name] ?? '', `${at}.parameters.${p.name}`, (raw) => {
          op.text.parameters[p.name] = raw;
          op.parameters[p.name] = parse(raw, p.type);
        }));
    } else if (chosen) {
      inputs = valueInput(`op-${i}-value`, `Value (${chosen.type})`, chosen.type, op.text.value, `${at}.value`, (raw) => {
        op.text.value = raw;
        op.value = parse(raw, chosen.type);
      });
    }
    const name = invalid(errors, `${at}.name`, `${at}.type`, at);
    return html`<div class="op" data-op=${i}>
      <div><label for="op-${i}-type">Type</label><select id="op-${i}-type" @change=${(ev) => changeOperation(op, ev.target.value, '')}>
        ${['SETTING', 'PROPERTY', 'COMMAND'].map((k) => html`<option ?selected=${op.type === k}>${k}</option>`)}</select></div>
      <div><label for="op-${i}-name">Name</label><select id="op-${i}-name" aria-invalid=${name.invalid} aria-describedby=${name.describedBy}
        @change=${(ev) => changeOperation(op, op.type, ev.target.value)}><option value="" ?selected=${!op.name}>Choose…</option>
        ${names.map((n) => html`<option ?selected=${op.name === n.name}>${n.name}</option>`)}</select>${fieldError(errors, `${at}.name`)}${fieldError(errors, `${at}.type`)}</div>
      ${inputs}
      <button type="button" data-remove=${i} aria-label="Remove operation ${i + 1}" @click=${() => { job.operations.splice(i, 1); draw(); }}>Remove</button>${fieldError(errors, at)}</div>`;
  };

  const changeOperation = (op, type, name) => {
    Object.assign(op, { type, name, value: undefined, parameters: {}, text: { value: '', parameters: {} } });
    draw();
  };

  // the input's text is kept as typed and bound back as it is, so drawing again never changes what is being typed
  const valueInput = (id, label, type, text, field, onText) => {
    const a = invalid(errors, field);
    const input = type === 'BOOLEAN'
      ? html`<select id=${id} data-type=${type} aria-invalid=${a.invalid} aria-describedby=${a.describedBy}
          @change=${(ev) => { onText(ev.target.value); }}><option value="" ?selected=${text === ''}>Choose…</option>
          <option ?selected=${text === 'true'}>true</option><option ?selected=${text === 'false'}>false</option></select>`
      : html`<input id=${id} data-type=${type} type=${type === 'STRING' ? 'text' : 'number'} step=${type === 'INTEGER' ? '1' : type === 'STRING' ? nothing : 'any'}
          .value=${text} aria-invalid=${a.invalid} aria-describedby=${a.describedBy} @input=${(ev) => { onText(ev.target.value); draw(); }}>`;
    return html`<div><label for=${id}>${label}</label>${input}${fieldError(errors, field)}</div>`;
  };

  const devicesStep = () => {
    const a = invalid(errors, 'deviceIds');
    return html`
    <div class="field"><label><input type="checkbox" id="all-devices" .checked=${job.allDevices} aria-invalid=${a.invalid}
      aria-describedby=${a.describedBy} @change=${(ev) => { job.allDevices = ev.target.checked; draw(); loadPicker(); }}> All devices in the set</label></div>
    ${fieldError(errors, 'deviceIds')}${Object.keys(errors).filter((k) => k.startsWith('deviceIds[')).map((k) => fieldError(errors, k))}
    <div id="device-picker">${job.allDevices ? nothing : devicePicker()}</div>`;
  };

  const devicePicker = () => {
    if (!picker) return html`<p class="muted">Loading devices…</p>`;
    if (picker.totalItems === 0) return html`<p>The set has no devices right now.</p>`;
    const allOnPage = picker.items.length > 0 && picker.items.every((d) => job.chosen.has(d.id));
    const choose = (id, yes) => (yes ? job.chosen.add(id) : job.chosen.delete(id));
    return html`
      <div class="table-wrap"><table><thead><tr>
        <th><label><input type="checkbox" id="page-all" .checked=${allOnPage}
          @change=${(ev) => { picker.items.forEach((d) => choose(d.id, ev.target.checked)); draw(); }}> All on this page</label></th><th>Device</th><th>Presence</th></tr></thead>
      <tbody>${picker.items.map((d) => html`<tr><td><input type="checkbox" data-device=${d.id} aria-label="Choose ${d.id}" .checked=${job.chosen.has(d.id)}
          @change=${(ev) => { choose(d.id, ev.target.checked); draw(); }}></td>
        <td>${d.name}</td><td>${d.presence}</td></tr>`)}</tbody></table></div>
      <p class="muted">${job.chosen.size} chosen</p>${pager(picker, (p) => { job.devicePage = p; loadPicker(); })}`;
  };

  const loadPicker = async () => {
    if (step !== 3 || job.allDevices) return;
    picker = await api(`/api/device-sets/${job.setId}/devices?page=${job.devicePage}&size=20`);
    if (root.isConnected) draw();
  };

  const runStep = () => html`
    <p>Job <b>${job.name}</b> over <b>${sets.find((s) => s.id === job.setId)?.name || ''}</b>
      (${job.allDevices ? 'all its devices' : `${job.chosen.size} chosen devices`}), ${job.operations.length} operation(s).</p>
    <div class="bar"><button type="button" class="primary" id="run-now" @click=${() => submit(true)}>Run now</button>
      <button type="button" id="save-pending" @click=${() => submit(false)}>Save as pending</button></div>`;

  const localCheck = () => {
    if (step === 0 && !job.name.trim()) return { name: 'Give the job a name.' };
    if (step === 1 && !job.setId) return { deviceSetId: 'Choose a device set.' };
    if (step === 2 && job.operations.length === 0) return { operations: 'Add at least one operation.' };
    if (step === 2) return operationsCheck(job.operations, template());
    if (step === 3 && !job.allDevices && job.chosen.size === 0) return { deviceIds: 'Choose at least one device, or all devices in the set.' };
    return {};
  };

  /** After a step changes or errors are shown: the focus goes to the first input in error, else the step's first. */
  const moveTo = (newStep) => {
    step = newStep;
    draw();
    loadPicker();
    const form = root.querySelector('#wizard');
    (form.querySelector('[aria-invalid="true"]') || form.querySelector('input, select, textarea, button'))?.focus();
  };

  const next = (ev) => {
    ev.preventDefault();
    errors = localCheck();
    moveTo(Object.keys(errors).length === 0 ? step + 1 : step);
  };

  const back = () => { errors = {}; moveTo(step - 1); };

  const submit = async (run) => {
    const body = {
      name: job.name.trim(), description: job.description.trim() || null, deviceSetId: job.setId, run,
      deviceIds: job.allDevices ? null : [...job.chosen],
      operations: job.operations.map((op) => (op.type === 'COMMAND'
        ? { type: op.type, name: op.name, parameters: Object.fromEntries(Object.entries(op.parameters).filter(([, v]) => v !== undefined)) }
        : { type: op.type, name: op.name, value: op.value ?? null })),
    };
    try {
      const created = await api('/api/jobs', { method: 'POST', body });
      toast(run ? 'Job created and started' : 'Job saved as pending');
      location.hash = `#/jobs/${created.id}`;
    } catch (e) {
      errors = fieldErrors(e);
      errors._ = problemText(e);
      const first = Object.keys(errors).find((k) => k !== '_') || '';
      moveTo(first.startsWith('name') || first.startsWith('description') ? 0 : first.startsWith('deviceSetId') ? 1
        : first.startsWith('operations') ? 2 : first.startsWith('deviceIds') ? 3 : step);
    }
  };

  moveTo(0);
}
