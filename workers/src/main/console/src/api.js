// The Camunda 8.8 REST API v2 of the same origin: the embedded engine, or a real Camunda cluster behind the
// same path. Keys are strings; errors are application/problem+json and become ApiError.
import { currentUser } from './session.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export async function call(method, path, body, { authorization, accept = 'application/json' } = {}) {
  // X-Requested-With: the engine then answers a wrong password with a plain 401 (no Basic challenge), so the
  // browser leaves the log-in to this page instead of opening its own dialog
  const headers = { Accept: `${accept}, application/problem+json`, 'X-Requested-With': 'XMLHttpRequest' };
  const auth = authorization ?? currentUser()?.authorization;
  if (auth) headers.Authorization = auth;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`/v2${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return answer(response);
}

/** POST multipart/form-data: each [fileName, text] a `resources` part, as Camunda's deployment takes them. */
export async function postResources(path, files) {
  const headers = { Accept: 'application/json, application/problem+json', 'X-Requested-With': 'XMLHttpRequest' };
  const auth = currentUser()?.authorization;
  if (auth) headers.Authorization = auth;
  const form = new FormData();
  for (const [name, text] of files) form.append('resources', new Blob([text], { type: 'application/octet-stream' }), name);
  return answer(await fetch(`/v2${path}`, { method: 'POST', headers, body: form }));
}

async function answer(response) {
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch {
      /* not JSON: keep the status */
    }
    throw new ApiError(response.status, problem);
  }
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') ?? '';
  return type.includes('json') ? response.json() : response.text();
}

export const get = (path, options) => call('GET', path, undefined, options);
export const post = (path, body = {}, options) => call('POST', path, body, options);
export const patch = (path, body, options) => call('PATCH', path, body, options);
export const del = (path, options) => call('DELETE', path, undefined, options);

/** One page of a search: {items, page:{totalItems, hasMoreTotalItems}}. */
export function search(resource, { filter, sort = [], page = { from: 0, limit: 100 } } = {}) {
  const body = { sort, page };
  if (filter) body.filter = filter;
  return post(`/${resource}/search`, body);
}

/** Every item of a search, page by page (offset paging), up to max. */
export async function searchAll(resource, { filter, sort = [], max = 2000 } = {}) {
  const items = [];
  const limit = 200;
  for (let from = 0; from < max; from += limit) {
    const result = await search(resource, { filter, sort, page: { from, limit } });
    items.push(...result.items);
    if (result.items.length < limit || items.length >= (result.page?.totalItems ?? Infinity)) break;
  }
  return items;
}

/** A variable search result's value is JSON text ("\"abc\"", "42"); null when it does not parse. */
export function parseValue(jsonText) {
  try {
    return JSON.parse(jsonText);
  } catch {
    return jsonText;
  }
}

/** What the user typed in a variable filter, as the JSON text the API compares: 42 → "42", abc → "\"abc\"". */
export function toJsonText(typed) {
  const text = typed.trim();
  try {
    JSON.parse(text);
    return text;
  } catch {
    return JSON.stringify(text);
  }
}

/** GET one of the application's own endpoints (/api/…: analytics, rounds, contracts, audit trails); see appCall. */
export async function appGet(path) {
  return appCall('GET', path.replace(/^\/api/, ''));
}

/** Downloads a file the application makes (an .xlsx or .pdf under /api/…) under fileName. */
export async function appDownload(path, fileName) {
  const response = await fetch(path, { headers: appHeaders('*/*') });
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function appHeaders(accept) {
  const headers = { Accept: `${accept}, application/problem+json`, 'X-Requested-With': 'XMLHttpRequest' };
  const auth = currentUser()?.authorization;
  if (auth) headers.Authorization = auth;
  return headers;
}

/** A message for the user, in Chinese, for a failed call. */
export function describe(error) {
  if (!(error instanceof ApiError)) return `网络错误：${error.message}`;
  const detail = error.problem?.detail ? `（${error.problem.detail}）` : '';
  switch (error.status) {
    case 400: return `请求无效${detail}`;
    case 401: return '未登录或登录已失效，请重新登录';
    case 403: return `没有权限执行此操作${detail}`;
    case 404: return `未找到${detail}`;
    case 409: return `状态冲突${detail}`;
    case 503: return '服务繁忙，请稍后重试';
    default: return `服务器错误 ${error.status}${detail}`;
  }
}

/** A call to the application's own API (/api/…) with the same credentials and the same errors as above. */
export async function appCall(method, path, body) {
  const headers = appHeaders('application/json');
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch {
      /* not JSON: keep the status */
    }
    throw new ApiError(response.status, problem);
  }
  return response.status === 204 ? null : response.json();
}
