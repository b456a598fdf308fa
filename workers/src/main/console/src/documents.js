// Documents in forms, as Camunda 8.8's Tasklist handles them (docs.camunda.io, "Document handling"): a form-js
// file picker keeps the chosen files in the form's file registry and its field holds a "files::…" key; on
// submission each file is uploaded through the REST API's POST /v2/documents and the key is replaced by the list
// of document references the API answered. A document preview gets each document from GET /v2/documents/{id}
// with the user's credentials (form-js's documentEndpointBuilder service): PDFs and images inline, anything else
// as a download. Chinese file names travel in the multipart part's filename (UTF-8) and in the metadata part.
import { ApiError, del, post } from './api.js';
import { h } from './dom.js';
import { currentUser } from './session.js';

const FILES_KEY = /^files::/;

/**
 * Uploads one file; answers the document reference. What the per-document access rules will need goes with it:
 * the process instance in the metadata, the uploading user in the custom properties.
 */
export async function uploadDocument(file, { processInstanceKey, uploadedBy } = {}) {
  const metadata = { fileName: file.name, contentType: file.type || undefined, customProperties: {} };
  if (processInstanceKey) metadata.processInstanceKey = String(processInstanceKey); // a 64-bit key, as the API writes it
  if (uploadedBy) metadata.customProperties.uploadedBy = uploadedBy;
  const body = new FormData();
  body.append('file', file, file.name);
  body.append('metadata', new Blob([JSON.stringify(metadata)], { type: 'application/json' }));
  const headers = { Accept: 'application/json, application/problem+json', 'X-Requested-With': 'XMLHttpRequest' };
  const auth = currentUser()?.authorization;
  if (auth) headers.Authorization = auth;
  const response = await fetch('/v2/documents', { method: 'POST', headers, body });
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch {
      /* not JSON: keep the status */
    }
    throw new ApiError(response.status, problem);
  }
  return response.json();
}

/**
 * The submitted data with every file picker's "files::…" key replaced by the references of its uploaded files
 * (nested groups and lists included). Each file is uploaded once, even if two fields name the same key.
 */
export async function uploadFiles(data, files, context) {
  const uploaded = new Map();
  for (const [key, list] of files ?? new Map()) {
    if (!containsKey(data, key)) continue; // a picker that is hidden now: its files are not submitted
    const references = [];
    for (const file of list) references.push(await uploadDocument(file, context));
    uploaded.set(key, references);
  }
  return replaceKeys(data, uploaded);
}

function containsKey(value, key) {
  if (value === key) return true;
  if (Array.isArray(value)) return value.some((item) => containsKey(item, key));
  if (value && typeof value === 'object') return Object.values(value).some((item) => containsKey(item, key));
  return false;
}

function replaceKeys(value, uploaded) {
  if (typeof value === 'string' && FILES_KEY.test(value)) return uploaded.get(value) ?? null;
  if (Array.isArray(value)) return value.map((item) => replaceKeys(item, uploaded));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, replaceKeys(item, uploaded)]));
  }
  return value;
}

/** GET /v2/documents/{id} for a reference, absolute (form-js only shows documents whose URL parses). */
export function documentUrl(reference) {
  const query = new URLSearchParams();
  if (reference.storeId) query.set('storeId', reference.storeId);
  if (reference.contentHash) query.set('contentHash', reference.contentHash);
  const search = query.toString();
  return new URL(`/v2/documents/${encodeURIComponent(reference.documentId)}${search ? `?${search}` : ''}`,
    window.location.origin).href;
}

/** form-js's documentEndpointBuilder: the store's own URL, fetched with the logged-in user's credentials. */
export const documentPreviews = {
  documentEndpointBuilder: ['value', {
    buildUrl: documentUrl,
    buildRequestInit: () => {
      const auth = currentUser()?.authorization;
      return auth ? { headers: { Authorization: auth } } : undefined;
    },
  }],
};

/** Every document reference in a task's variables (file pickers' lists, generated papers), each once. */
export function documentsIn(data) {
  const found = new Map();
  const walk = (value) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      if (typeof value.documentId === 'string' && value.metadata && typeof value.metadata.fileName === 'string') {
        found.set(value.documentId, value);
      } else Object.values(value).forEach(walk);
    }
  };
  walk(data);
  return [...found.values()];
}

/** Downloads a document under its own (Chinese) file name, with the user's credentials. */
export async function downloadDocument(reference) {
  const headers = {};
  const auth = currentUser()?.authorization;
  if (auth) headers.Authorization = auth;
  const response = await fetch(documentUrl(reference), { headers });
  if (!response.ok) throw new ApiError(response.status, null);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = reference.metadata.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Deletes a document with the reason the user gave (DELETE /v2/documents/{id}?reason=…): only a holder of
 * DOCUMENT DELETE may, and the engine records who, when and why before the document goes.
 */
export function deleteDocument(reference, reason) {
  return del(`/documents/${encodeURIComponent(reference.documentId)}?${new URLSearchParams({ reason })}`);
}

/** The recorded deletions (an auditor's: DOCUMENT READ on *), oldest first; filter: processInstanceKey, deletedBy. */
export async function searchDeletions(filter = {}) {
  const wanted = Object.fromEntries(Object.entries(filter).filter(([, value]) => value));
  const result = await post('/documents/deletions/search', Object.keys(wanted).length ? { filter: wanted } : {});
  return result.items;
}

/**
 * Asks why a document is to be deleted, in a modal dialog (Tab moves between its fields, Esc or 取消 closes it):
 * answers the reason, or null when the user changed their mind. The reason is required.
 */
export function askDeletionReason(fileName) {
  return new Promise((resolve) => {
    const reason = h('textarea', { name: 'reason', rows: 3, required: true, maxlength: 2000,
      'data-testid': 'deletion-reason' });
    const error = h('p', { class: 'error', role: 'alert' });
    let answer = null;
    const dialog = h('dialog', { class: 'card confirm', 'aria-labelledby': 'deletion-title',
      'data-testid': 'deletion-dialog' });
    const cancel = h('button', { type: 'button', onclick: () => dialog.close() }, '取消');
    const form = h('form', { onsubmit: (event) => {
      event.preventDefault();
      if (!reason.value.trim()) {
        error.textContent = '请填写删除原因。';
        reason.focus();
        return;
      }
      answer = reason.value.trim();
      dialog.close();
    } },
    h('h2', { id: 'deletion-title' }, '删除文件'),
    h('p', {}, `确定删除「${fileName}」吗？删除后文件不可恢复，删除人、时间和原因将被记录备查。`),
    h('label', {}, '删除原因（必填）', reason),
    error,
    h('div', { class: 'tools end' }, cancel,
      h('button', { type: 'submit', class: 'danger', 'data-testid': 'deletion-confirm' }, '确认删除')));
    dialog.append(form);
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
    reason.focus();
  });
}
