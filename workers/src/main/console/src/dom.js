// A few lines instead of a framework: build elements, format dates, show a flash message.

/** h('button', {class: 'primary', onclick}, '认领') — attributes starting with "on" become listeners. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * A render function for one page visit: it draws only while the address is still the one the visit started at,
 * so a slow page the user already left cannot overwrite the page they went to.
 */
export function renderer() {
  const hash = location.hash;
  return (...children) => (location.hash === hash ? render(...children) : null);
}

/** Replaces the main view's content. */
export function render(...children) {
  const view = document.getElementById('view');
  view.replaceChildren();
  append(view, children);
  return view;
}

const DATE_TIME = new Intl.DateTimeFormat('zh-CN', {
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
});

export function formatDate(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : DATE_TIME.format(date);
}

let flashTimer;
/**
 * A message above the view; kind: info | success | error. Errors stay until the next message; dataset (e.g. the
 * key of what was created) goes onto the message element for whoever needs it.
 */
export function flash(message, kind = 'info', dataset = {}) {
  const box = document.getElementById('flash');
  clearTimeout(flashTimer);
  box.className = message ? `flash ${kind}` : '';
  box.textContent = message ?? '';
  for (const key of Object.keys(box.dataset)) delete box.dataset[key];
  Object.assign(box.dataset, dataset);
  if (message && kind !== 'error') flashTimer = setTimeout(() => flash(null), 6000);
}

/** Clears the message if it is an error (the user is correcting what it was about). */
export function clearError() {
  if (document.getElementById('flash').classList.contains('error')) flash(null);
}

export function badge(text, kind = '') {
  return h('span', { class: `badge ${kind}` }, text);
}

export function table(headers, rows, { empty = '暂无数据', testid, caption } = {}) {
  if (!rows.length) return h('p', { class: 'muted empty', 'data-testid': testid }, empty);
  return h('table', { class: 'grid', 'data-testid': testid },
    caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
    h('thead', {}, h('tr', {}, headers.map((title) => h('th', { scope: 'col' }, title)))),
    h('tbody', {}, rows));
}
