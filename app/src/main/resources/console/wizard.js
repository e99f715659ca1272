// The new-job wizard: name, device set, operations typed by the set's template, devices, then run or save.
// The service validates; its problem+json field errors are shown next to the inputs they name.
import { api, problemText, fieldErrors } from './api.js';
import { esc, pager, toast } from './ui.js';
import { operationsCheck } from './model.js';

const STEPS = ['Name', 'Device set', 'Operations', 'Devices', 'Run'];

export async function newJobView(main) {
  const sets = (await api('/api/device-sets?size=1000')).items;
  const templates = Object.fromEntries((await api('/api/templates?size=1000')).items.map((t) => [t.id, t]));
  const job = { name: '', description: '', setId: null, operations: [], allDevices: true, chosen: new Set(), devicePage: 0 };
  let step = 0;
  let errors = {};

  const template = () => templates[sets.find((s) => s.id === job.setId)?.template];

  const render = () => {
    main.innerHTML = `<h1>New job</h1>
      <ol class="steps">${STEPS.map((s, i) => `<li ${i === step ? 'aria-current="step"' : ''}>${i + 1}. ${s}</li>`).join('')}</ol>
      <form id="wizard" class="panel" novalidate>${[nameStep, setStep, operationsStep, devicesStep, runStep][step]()}
        <div id="form-error" class="error" role="alert">${esc(errors._ || '')}</div>
        <div class="bar" style="margin-top:12px">
          ${step > 0 ? '<button type="button" id="back">Back</button>' : ''}
          ${step < STEPS.length - 1 ? '<button type="submit" class="primary" id="next">Next</button>' : ''}
        </div></form>`;
    bind();
  };

  const fieldError = (field) => (errors[field] ? `<div class="error" id="err-${esc(field)}">${esc(errors[field])}</div>` : '');

  const nameStep = () => `
    <div class="field"><label for="job-name">Name</label><input id="job-name" size="40" value="${esc(job.name)}" required>${fieldError('name')}</div>
    <div class="field"><label for="job-description">Description (optional)</label><textarea id="job-description" rows="2" cols="40">${esc(job.description)}</textarea>${fieldError('description')}</div>`;

  const setStep = () => `<fieldset><legend>Device set</legend>
    ${sets.length === 0 ? '<p>No device sets yet.</p>' : sets.map((s) => `<div class="field">
      <label><input type="radio" name="set" value="${esc(s.id)}" ${s.broken ? 'disabled' : ''} ${job.setId === s.id ? 'checked' : ''}>
        ${esc(s.name)} <span class="muted">(${esc(s.template)})</span></label>
      ${s.broken ? `<div class="error">Broken: ${esc(s.brokenReason)}</div>` : ''}</div>`).join('')}
    ${fieldError('deviceSetId')}</fieldset>`;

  const operationsStep = () => {
    const t = template();
    return `<p class="muted">Operations of template <b>${esc(t?.name || '?')}</b>, applied in order (1 to 30).</p>
      ${fieldError('operations')}
      <div id="ops">${job.operations.map((op, i) => operationRow(op, i, t)).join('')}</div>
      <button type="button" id="add-op" ${job.operations.length >= 30 ? 'disabled' : ''}>Add operation</button>`;
  };

  const operationRow = (op, i, t) => {
    const names = op.type === 'SETTING' ? t.settings : op.type === 'PROPERTY' ? t.properties.filter((p) => p.writable) : t.commands;
    const chosen = names.find((n) => n.name === op.name);
    const at = `operations[${i}]`;
    let inputs = '';
    if (op.type === 'COMMAND') {
      inputs = (chosen?.parameters || []).map((p) => valueInput(`op-${i}-param-${p.name}`, `${p.name} (${p.type})`, p.type, op.parameters[p.name], fieldError(`${at}.parameters.${p.name}`))).join('');
    } else if (chosen) {
      inputs = valueInput(`op-${i}-value`, `Value (${chosen.type})`, chosen.type, op.value, fieldError(`${at}.value`));
    }
    return `<div class="op" data-op="${i}">
      <div><label for="op-${i}-type">Type</label><select id="op-${i}-type">
        ${['SETTING', 'PROPERTY', 'COMMAND'].map((k) => `<option ${op.type === k ? 'selected' : ''}>${k}</option>`).join('')}</select></div>
      <div><label for="op-${i}-name">Name</label><select id="op-${i}-name"><option value="">Choose…</option>
        ${names.map((n) => `<option ${op.name === n.name ? 'selected' : ''}>${esc(n.name)}</option>`).join('')}</select>${fieldError(`${at}.name`)}${fieldError(`${at}.type`)}</div>
      ${inputs}
      <button type="button" data-remove="${i}" aria-label="Remove operation ${i + 1}">Remove</button>${fieldError(at)}</div>`;
  };

  const valueInput = (id, label, type, value, error) => {
    const v = value === undefined || value === null ? '' : value;
    const input = type === 'BOOLEAN'
      ? `<select id="${id}" data-type="${type}"><option value="">Choose…</option><option ${v === true ? 'selected' : ''}>true</option><option ${v === false ? 'selected' : ''}>false</option></select>`
      : `<input id="${id}" data-type="${type}" ${type === 'STRING' ? '' : `type="number" step="${type === 'INTEGER' ? '1' : 'any'}"`} value="${esc(v)}">`;
    return `<div><label for="${id}">${esc(label)}</label>${input}${error}</div>`;
  };

  const devicesStep = () => `
    <div class="field"><label><input type="checkbox" id="all-devices" ${job.allDevices ? 'checked' : ''}> All devices in the set</label></div>
    ${fieldError('deviceIds')}${Object.keys(errors).filter((k) => k.startsWith('deviceIds[')).map((k) => fieldError(k)).join('')}
    <div id="device-picker">${job.allDevices ? '' : '<p class="muted">Loading devices…</p>'}</div>`;

  const runStep = () => `
    <p>Job <b>${esc(job.name)}</b> over <b>${esc(sets.find((s) => s.id === job.setId)?.name || '')}</b>
      (${job.allDevices ? 'all its devices' : `${job.chosen.size} chosen devices`}), ${job.operations.length} operation(s).</p>
    <div class="bar"><button type="button" class="primary" id="run-now">Run now</button>
      <button type="button" id="save-pending">Save as pending</button></div>`;

  const readStep = () => {
    const form = main.querySelector('#wizard');
    if (step === 0) {
      job.name = form.querySelector('#job-name').value.trim();
      job.description = form.querySelector('#job-description').value.trim();
    } else if (step === 1) {
      const checked = form.querySelector('input[name=set]:checked');
      const previous = job.setId;
      job.setId = checked ? checked.value : null;
      if (previous !== job.setId) { job.operations = []; job.chosen.clear(); }
    } else if (step === 2) {
      job.operations.forEach((op, i) => {
        if (op.type === 'COMMAND') {
          form.querySelectorAll(`[id^="op-${i}-param-"]`).forEach((input) => {
            op.parameters[input.id.substring(`op-${i}-param-`.length)] = parse(input);
          });
        } else {
          const input = form.querySelector(`#op-${i}-value`);
          if (input) op.value = parse(input);
        }
      });
    }
  };

  /** The typed value of an input; text that is not a number goes as text, for the service to name the field. */
  const parse = (input) => {
    const raw = input.value;
    if (raw === '') return undefined;
    const type = input.dataset.type;
    if (type === 'BOOLEAN') return raw === 'true';
    if (type === 'INTEGER' || type === 'NUMBER') return Number.isNaN(Number(raw)) ? raw : Number(raw);
    return raw;
  };

  const localCheck = () => {
    if (step === 0 && !job.name) return { name: 'Give the job a name.' };
    if (step === 1 && !job.setId) return { deviceSetId: 'Choose a device set.' };
    if (step === 2 && job.operations.length === 0) return { operations: 'Add at least one operation.' };
    if (step === 2) return operationsCheck(job.operations, template());
    if (step === 3 && !job.allDevices && job.chosen.size === 0) return { deviceIds: 'Choose at least one device, or all devices in the set.' };
    return {};
  };

  const submit = async (run) => {
    const body = {
      name: job.name, description: job.description || null, deviceSetId: job.setId, run,
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
      step = first.startsWith('name') || first.startsWith('description') ? 0 : first.startsWith('deviceSetId') ? 1
        : first.startsWith('operations') ? 2 : first.startsWith('deviceIds') ? 3 : step;
      render();
    }
  };

  const renderPicker = async () => {
    const box = main.querySelector('#device-picker');
    if (!box || job.allDevices) return;
    const page = await api(`/api/device-sets/${job.setId}/devices?page=${job.devicePage}&size=20`);
    const allOnPage = page.items.length > 0 && page.items.every((d) => job.chosen.has(d.id));
    box.innerHTML = page.totalItems === 0 ? '<p>The set has no devices right now.</p>' : `
      <div class="table-wrap"><table><thead><tr>
        <th><label><input type="checkbox" id="page-all" ${allOnPage ? 'checked' : ''}> All on this page</label></th><th>Device</th><th>Presence</th></tr></thead>
      <tbody>${page.items.map((d) => `<tr><td><input type="checkbox" data-device="${esc(d.id)}" aria-label="Choose ${esc(d.id)}" ${job.chosen.has(d.id) ? 'checked' : ''}></td>
        <td>${esc(d.name)}</td><td>${esc(d.presence)}</td></tr>`).join('')}</tbody></table></div>
      <p class="muted">${job.chosen.size} chosen</p>${pager(page)}`;
    box.querySelector('#page-all')?.addEventListener('change', (ev) => {
      page.items.forEach((d) => (ev.target.checked ? job.chosen.add(d.id) : job.chosen.delete(d.id)));
      renderPicker();
    });
    box.querySelectorAll('[data-device]').forEach((c) => c.addEventListener('change', () => {
      if (c.checked) job.chosen.add(c.dataset.device); else job.chosen.delete(c.dataset.device);
      renderPicker();
    }));
    box.querySelectorAll('[data-page]').forEach((b) => b.addEventListener('click', () => { job.devicePage = Number(b.dataset.page); renderPicker(); }));
  };

  const bind = () => {
    const form = main.querySelector('#wizard');
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      readStep();
      errors = localCheck();
      if (Object.keys(errors).length === 0) step++;
      render();
    });
    form.querySelector('#back')?.addEventListener('click', () => { readStep(); errors = {}; step--; render(); });
    form.querySelector('#add-op')?.addEventListener('click', () => {
      readStep();
      job.operations.push({ type: 'SETTING', name: '', value: undefined, parameters: {} });
      render();
    });
    form.querySelectorAll('[data-remove]').forEach((b) => b.addEventListener('click', () => {
      readStep();
      job.operations.splice(Number(b.dataset.remove), 1);
      render();
    }));
    job.operations.forEach((op, i) => {
      form.querySelector(`#op-${i}-type`)?.addEventListener('change', (ev) => {
        readStep();
        op.type = ev.target.value; op.name = ''; op.value = undefined; op.parameters = {};
        render();
      });
      form.querySelector(`#op-${i}-name`)?.addEventListener('change', (ev) => {
        readStep();
        op.name = ev.target.value; op.value = undefined; op.parameters = {};
        render();
      });
    });
    form.querySelector('#all-devices')?.addEventListener('change', (ev) => { job.allDevices = ev.target.checked; render(); });
    form.querySelector('#run-now')?.addEventListener('click', () => submit(true));
    form.querySelector('#save-pending')?.addEventListener('click', () => submit(false));
    renderPicker();
    const firstError = main.querySelector('.error:not(:empty)');
    (firstError?.previousElementSibling || form.querySelector('input, select, textarea, button'))?.focus();
  };

  render();
}
