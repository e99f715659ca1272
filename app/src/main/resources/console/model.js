// What the views show, decided without the DOM: plain functions over the API's answers, tested by node --test.

/** A job's progress in words: devices done (completed or failed) of all, and those canceled; never "0 of 0". */
export function progressText(j) {
  const c = j.counts;
  if (c.total === 0) {
    return j.status === 'PENDING' ? 'not run yet' : 'no devices';
  }
  const canceled = c.canceled ? `, ${c.canceled} canceled` : '';
  return `${c.completed + c.failed} of ${c.total} done${canceled}`;
}

/** A job's operations in one line, e.g. "SETTING fanSpeed = 4; COMMAND defrost(minutes=5)". */
export function operationsText(operations) {
  return operations.map((o) => (o.type === 'COMMAND'
    ? `${o.type} ${o.name}(${Object.entries(o.parameters || {}).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')})`
    : `${o.type} ${o.name} = ${JSON.stringify(o.value)}`)).join('; ');
}

/** The actions a job's page offers: none to a viewer; Run, Stop and Delete as the job's state allows. */
export function jobActions(j, operator) {
  if (!operator) return { run: false, stop: false, copy: false, delete: false };
  return { run: j.canRun, stop: j.canStop, copy: true, delete: ['COMPLETED', 'FAILED', 'STOPPED', 'PENDING'].includes(j.status) };
}

/** Whether a job's counts moved, i.e. whether its chart and device list are worth fetching again. */
export function countsChanged(before, after) {
  return !before || ['total', 'completed', 'failed', 'pending', 'canceled'].some((k) => before.counts[k] !== after.counts[k]);
}

/** Previous / Next of one page of a listing, or null when everything fits on one page. */
export function pagerModel(page) {
  if (page.totalPages <= 1) return null;
  return {
    previous: page.page > 0 ? page.page - 1 : null,
    next: page.page + 1 < page.totalPages ? page.page + 1 : null,
    label: `Page ${page.page + 1} of ${page.totalPages} · ${page.totalItems} items`,
  };
}

/** A listing's page and size from the view's address (#/device-sets?page=2&size=10), within what the API accepts. */
export function pageParams(query, defaultSize) {
  const page = Number.parseInt(query.get('page'), 10);
  const size = Number.parseInt(query.get('size'), 10);
  return {
    page: Number.isInteger(page) && page >= 0 ? page : 0,
    size: Number.isInteger(size) && size >= 1 && size <= 1000 ? size : defaultSize,
  };
}

/** Every item of a paged listing, page after page: a filter's choices are never cut at one page. */
export async function allItems(fetchPage, size = 1000) {
  const first = await fetchPage(0, size);
  const items = [...first.items];
  for (let p = 1; p < first.totalPages; p++) items.push(...(await fetchPage(p, size)).items);
  return items;
}

/** How many devices a set resolves to now, in words; a broken set resolves to none. */
export function deviceCountText(count) {
  if (count === null || count === undefined) return '…';
  if (count === 0) return 'no devices';
  return count === 1 ? '1 device' : `${count} devices`;
}

/** The id of the message that describes a field's error: the input names it in aria-describedby. */
export function errorId(field) {
  return `err-${field}`;
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
