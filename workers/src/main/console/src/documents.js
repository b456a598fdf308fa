// Documents in forms, as Camunda 8.8's Tasklist handles them (docs.camunda.io, "Document handling"): a form-js
// file picker keeps the chosen files in the form's file registry and its field holds a "files::…" key; on
// submission each file is uploaded through the REST API's POST /v2/documents and the key is replaced by the list
// of document references the API answered. A document preview gets each document from GET /v2/documents/{id}
// with the user's credentials (form-js's documentEndpointBuilder service): PDFs and images inline, anything else
// as a download. Chinese file names travel in the multipart part's filename (UTF-8) and in the metadata part.
import { ApiError } from './api.js';
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
