// The task list: every task the user may work on, with what it is about — district/unit, project, contract, provider,
// resident — taken from its process instance's variables (Camunda Tasklist's "task list columns from variables"),
// due date with overdue marking, priority; filters, views with counts (the built-in ones and the user's saved
// ones), claim, unclaim and bulk claim.
//
// Loading asks the engine only for what is drawn (the console README, "Task list"): the current view's page — one
// /v2/user-tasks/search per way of being entitled (assignee, candidate user, candidate group; made disjoint by
// `assignee $neq me`), with the view's filters as engine filters (state, assignee, dueDate, processDefinitionId, the
// district as a processInstanceVariables filter) and its sort, merged — and the context variables of that page's
// instances only; each view's count is the same searches with `page.limit` 0 (their totalItems). Everything goes
// through the user's own identity: the engine decides what they see. Two things the engine cannot be asked — the
// round (a round year is either `roundYear` or the year inside a project or contract number) and the sort by district
// (a variable) — load every task and its context once and filter, count and sort here, as before.
import { ApiError, appCall, del, describe, parseValue, post, search } from './api.js';
import { badge, flash, formatDate, h, renderer } from './dom.js';
import { engineNow, syncEngineClock } from './clock.js';
import { groupName, learnNames, maskName, mayReadPersonalData, UNITS } from './labels.js';
import { currentUser } from './session.js';

const DAY = 24 * 3600 * 1000;
export const DUE_SOON_DAYS = 3;
const TASK_PAGE = 10000; // the API's largest page: one request per entitlement up to 10,000 tasks
const MAX_TASKS = 20000;
const VARIABLE_CHUNK = 1000;
const VARIABLE_PAGE = 10000;
const ROWS_PER_PAGE = 50;
const COMPLETED_SHOWN = 200;

/** The process variables the columns come from (the console README, "Task list"). */
export const CONTEXT_VARIABLES = [
  'unitCode', 'unitName', 'station', 'projectNo', 'contractNo', 'year2ContractNo', 'providerName', 'providerOrgId',
  'winner', 'roundName', 'roundYear', 'residentName', 'caseNo', 'orderNo',
];

const EMPTY_FILTERS = { district: '', round: '', process: '', state: 'open', due: '', assignee: '' };

const BUILT_IN_VIEWS = [
  { id: 'all', name: '全部待办', filters: {} },
  { id: 'mine', name: '我的任务', filters: { assignee: 'me' } },
  { id: 'unassigned', name: '未认领', filters: { state: 'unassigned' } },
  { id: 'dueSoon', name: `即将到期（${DUE_SOON_DAYS}天内）`, filters: { due: 'soon' } },
  { id: 'overdue', name: '已逾期', filters: { due: 'overdue' } },
];

const SORTS = [
  ['dueDate', '按到期时间'],
  ['priority', '按优先级'],
  ['creationDate', '按创建时间'],
  ['district', '按区镇'],
];

// data: the drawn page ({rows, total}); counts: view filters' key → count; all: every task and its context (only for a
// round filter or the sort by district); known: every row drawn since the last load, by key (a selection spans pages)
const listState = {
  filters: { ...EMPTY_FILTERS }, sort: 'dueDate', page: 0, data: null, counts: new Map(), all: null, completed: null,
  known: new Map(), selected: new Set(), teams: [], assignTo: '', generation: 0,
};

// ------------------------------------------------------------------------------------------------ loading

async function searchEvery(filter, sort) {
  const items = [];
  for (let from = 0; from < MAX_TASKS; from += TASK_PAGE) {
    const result = await search('user-tasks', { filter, sort, page: { from, limit: TASK_PAGE } });
    items.push(...result.items);
    if (result.items.length < TASK_PAGE || items.length >= (result.page?.totalItems ?? 0)) break;
  }
  return items;
}

/**
 * The API has no "or" across assignee and candidates, so "tasks I may see" is one search per way of being
 * entitled, merged by key. Each filter is a plain Camunda UserTaskFilter, so this works against Camunda 8 too.
 */
function entitlements(user, state) {
  const filters = [{ state, assignee: user.username }, { state, candidateUser: user.username }];
  if (user.groups.length) filters.push({ state, candidateGroup: { $in: user.groups } });
  return filters;
}

async function openTasks(user) {
  const sort = [{ field: 'creationDate', order: 'ASC' }];
  const results = await Promise.all(entitlements(user, 'CREATED').map((filter) => searchEvery(filter, sort)));
  return mergeByKey(results);
}

async function completedTasks(user) {
  const sort = [{ field: 'completionDate', order: 'DESC' }];
  const results = await Promise.all(entitlements(user, 'COMPLETED').map((filter) =>
    search('user-tasks', { filter, sort, page: { from: 0, limit: COMPLETED_SHOWN } }).then((r) => r.items)));
  return mergeByKey(results);
}

function mergeByKey(lists) {
  const byKey = new Map();
  for (const list of lists) for (const task of list) byKey.set(String(task.userTaskKey), task);
  return [...byKey.values()];
}

/** The context variables of the tasks' process instances: instance key → {name: value}. */
export async function contextVariables(tasks) {
  const keys = [...new Set(tasks.map((task) => String(task.processInstanceKey)))];
  const chunks = [];
  for (let i = 0; i < keys.length; i += VARIABLE_CHUNK) chunks.push(keys.slice(i, i + VARIABLE_CHUNK));
  const byInstance = new Map();
  await Promise.all(chunks.map(async (chunk) => {
    const filter = { processInstanceKey: { $in: chunk }, name: { $in: CONTEXT_VARIABLES } };
    for (let from = 0; ; from += VARIABLE_PAGE) {
      const result = await search('variables', { filter, page: { from, limit: VARIABLE_PAGE } });
      for (const variable of result.items) {
        const instance = String(variable.processInstanceKey);
        const values = byInstance.get(instance) ?? new Map();
        byInstance.set(instance, values);
        // the process scope's value wins over a local one of the same name (a multi-instance body's input)
        const processScope = String(variable.scopeKey) === instance;
        if (processScope || !values.has(variable.name)) values.set(variable.name, { value: parseValue(variable.value), processScope });
        else if (!values.get(variable.name).processScope) values.set(variable.name, { value: parseValue(variable.value), processScope });
      }
      if (result.items.length < VARIABLE_PAGE) break;
    }
  }));
  const plain = new Map();
  for (const [instance, values] of byInstance) plain.set(instance, Object.fromEntries([...values].map(([name, v]) => [name, v.value])));
  return plain;
}

function yearIn(...numbers) {
  for (const number of numbers) {
    const match = typeof number === 'string' ? number.match(/-((?:19|20)\d\d)(?:-|$)/) : null;
    if (match) return Number(match[1]);
  }
  return null;
}

/** One row's business context, from its instance's variables; the resident's name masked unless allowed. */
export function contextOf(vars, user) {
  const districtKey = vars.unitCode ?? vars.station ?? '';
  const provider = vars.providerName ?? vars.winner?.bidderName ?? vars.providerOrgId ?? '';
  if (vars.providerOrgId && vars.providerName) learnNames({ [vars.providerOrgId]: vars.providerName });
  const residentName = vars.residentName ? (mayReadPersonalData(user) ? vars.residentName : maskName(vars.residentName)) : '';
  const roundYear = Number.isInteger(vars.roundYear) ? vars.roundYear : yearIn(vars.projectNo, vars.contractNo);
  return {
    districtKey,
    district: vars.unitName ?? districtKey,
    projectNo: vars.projectNo ?? '',
    contractNo: vars.year2ContractNo ?? vars.contractNo ?? '',
    provider,
    resident: [vars.caseNo ?? vars.orderNo, residentName].filter(Boolean).join(' '),
    roundKey: roundYear ? String(roundYear) : '',
    roundName: typeof vars.roundName === 'string' ? vars.roundName : '',
  };
}

async function withContext(tasks, user) {
  const variables = await contextVariables(tasks);
  return tasks.map((task) => {
    const context = contextOf(variables.get(String(task.processInstanceKey)) ?? {}, user);
    return { task, context, due: task.dueDate ? Date.parse(task.dueDate) : null };
  });
}

/** Whether the view needs every task in the browser: the engine can filter by neither round nor sort by district. */
function needsAll(filters, sort) {
  return Boolean(filters.round) || sort === 'district';
}

const filtersKey = (filters) => JSON.stringify(Object.keys(EMPTY_FILTERS).map((key) => ({ ...EMPTY_FILTERS, ...filters })[key]));

/**
 * The view's filters as engine searches: one UserTaskFilter per way of being entitled (and per variable the district
 * may be in), disjoint so that their totalItems add up — `assignee $neq me` keeps a claimed task out of the
 * candidate searches. (A task offered to the user by name and to one of their groups at once — no model does — would
 * be counted twice, though drawn once.) Null when the engine cannot be asked (a round).
 */
export function engineFilters(filters, user, now) {
  const f = { ...EMPTY_FILTERS, ...filters };
  if (f.round) return null;
  const common = { state: f.state === 'completed' ? 'COMPLETED' : 'CREATED' };
  if (f.process) common.processDefinitionId = f.process;
  const iso = (millis) => new Date(millis).toISOString();
  if (f.due === 'overdue') common.dueDate = { $lt: iso(now) };
  if (f.due === 'week') common.dueDate = { $gte: iso(now), $lt: iso(endOfWeek(now)) };
  if (f.due === 'soon') common.dueDate = { $gte: iso(now), $lt: iso(now + DUE_SOON_DAYS * DAY) };
  if (f.due === 'none') common.dueDate = { $exists: false };
  const assignee = {};
  if (f.state === 'unassigned') assignee.$exists = false;
  if (f.state === 'assigned') assignee.$exists = true;
  if (f.assignee) assignee.$eq = f.assignee === 'me' ? user.username : f.assignee;

  const entitled = [];
  if (assignee.$exists !== false && (assignee.$eq ?? user.username) === user.username) {
    entitled.push({ assignee: user.username });
  }
  if (assignee.$eq !== user.username) {
    const others = { ...assignee, $neq: user.username };
    entitled.push({ candidateUser: user.username, assignee: others });
    if (user.groups.length) entitled.push({ candidateGroup: { $in: user.groups }, assignee: { ...others } });
  }
  // the district is the instance's unitCode, or its station (a social work station's cases)
  const places = f.district
    ? ['unitCode', 'station'].map((name) => ({ processInstanceVariables: [{ name, value: JSON.stringify(f.district) }] }))
    : [{}];
  return entitled.flatMap((entitlement) => places.map((place) => ({ ...common, ...entitlement, ...place })));
}

function engineSort(sort) {
  const by = (field, order) => ({ field, order });
  switch (sort) {
    case 'priority': return [by('priority', 'DESC'), by('dueDate', 'ASC')];
    case 'creationDate': return [by('creationDate', 'ASC')];
    default: return [by('dueDate', 'ASC'), by('priority', 'DESC')];
  }
}

/** The page of the current view from the engine, the context of its tasks only, and its total. */
async function loadPage(user, now) {
  const { filters, sort, page } = listState;
  const searches = engineFilters(filters, user, now);
  const limit = Math.min(TASK_PAGE, (page + 1) * ROWS_PER_PAGE);
  const results = await Promise.all(searches.map((filter) =>
    search('user-tasks', { filter, sort: engineSort(sort), page: { from: 0, limit } })));
  const total = results.reduce((sum, result) => sum + (result.page?.totalItems ?? result.items.length), 0);
  const rows = mergeByKey(results.map((result) => result.items)).map((task) => ({ task, due: task.dueDate ? Date.parse(task.dueDate) : null }));
  rows.sort(comparator(sort));
  // a page that is gone (its last tasks claimed or completed): the last one there is
  listState.page = Math.min(page, Math.max(0, Math.ceil(total / ROWS_PER_PAGE) - 1));
  const visible = rows.slice(listState.page * ROWS_PER_PAGE, (listState.page + 1) * ROWS_PER_PAGE);
  const variables = await contextVariables(visible.map((row) => row.task));
  for (const row of visible) {
    row.context = contextOf(variables.get(String(row.task.processInstanceKey)) ?? {}, user);
    listState.known.set(String(row.task.userTaskKey), row);
  }
  return { rows: visible, total };
}

/** How many tasks a view holds: its engine searches with page.limit 0, their totalItems added. */
async function countView(filters, user, now) {
  const searches = engineFilters(filters, user, now);
  if (!searches) return null;
  const results = await Promise.all(searches.map((filter) => search('user-tasks', { filter, page: { from: 0, limit: 0 } })));
  return results.reduce((sum, result) => sum + (result.page?.totalItems ?? 0), 0);
}

function views(user) {
  return [...BUILT_IN_VIEWS, ...savedViews(user).map((view) => ({ ...view, saved: true }))];
}

/** The counts of the views (and of the summary's "all" and "overdue"), each asked of the engine once. */
async function loadCounts(list, user, now, asked = new Set()) {
  const wanted = new Map();
  for (const view of list) {
    const key = filtersKey(view.filters);
    if (!wanted.has(key) && !listState.counts.has(key) && !asked.has(key)) wanted.set(key, view.filters);
    asked.add(key);
  }
  await Promise.all([...wanted].map(async ([key, filters]) => {
    const count = await countView(filters, user, now);
    if (count !== null) listState.counts.set(key, count);
  }));
}

/** Every open task and its context (the old way: for a round filter or the sort by district). */
async function loadAll(user) {
  const tasks = await openTasks(user);
  listState.all = { rows: await withContext(tasks, user), truncated: tasks.length >= MAX_TASKS };
}

/** The current view's page (and, with reload, the clock, views, teams and counts) — from the engine or from all. */
async function load(user, { reload = true } = {}) {
  const generation = ++listState.generation;
  let viewsAndTeams = Promise.resolve();
  let clock = Promise.resolve();
  if (reload) {
    listState.counts = new Map();
    listState.all = null;
    listState.completed = null;
    // the engine's clock, the saved views and the teams are read beside the engine's searches: only the searches
    // by due date wait for the clock, only the saved views' counts for the views
    clock = syncEngineClock();
    viewsAndTeams = Promise.all([
      loadViews(user), loadTeams().then((teams) => { listState.teams = teams; }), learnStationNames()]);
  }
  if (needsAll(listState.filters, listState.sort)) {
    await Promise.all([clock, viewsAndTeams]);
    if (!listState.all) await loadAll(user);
    if (listState.filters.state === 'completed' && !listState.completed) {
      listState.completed = await withContext(await completedTasks(user), user);
    }
    listState.data = null;
  } else {
    const asked = new Set([filtersKey(listState.filters)]);
    const byDue = Boolean(listState.filters.due);
    const [data] = await Promise.all([
      byDue ? clock.then(() => loadPage(user, engineNow())) : loadPage(user, engineNow()),
      clock.then(() => loadCounts(BUILT_IN_VIEWS, user, engineNow(), asked)),
      Promise.all([clock, viewsAndTeams]).then(() => loadCounts(views(user), user, engineNow(), asked)),
      clock,
    ]);
    if (generation !== listState.generation) return false;
    listState.counts.set(filtersKey(listState.filters), data.total);
    listState.data = data;
  }
  return generation === listState.generation;
}

/** The stations' names (GET /api/stations), so that station-<id> groups read as the station; ids if unknown. */
async function learnStationNames() {
  try {
    learnNames(Object.fromEntries((await appCall('GET', '/stations')).map((o) => [o.value, o.label])));
  } catch {
    // the groups then show as 社工站 <id>
  }
}

/** The teams the user leads, with their members (GET /api/teams; empty for everyone but a team lead). */
async function loadTeams() {
  try {
    return (await appCall('GET', '/teams')).teams;
  } catch (e) {
    flash(`团队成员未能读取：${describe(e)}`, 'error');
    return [];
  }
}

// ------------------------------------------------------------------------------------------------ filtering

function endOfWeek(now) {
  const date = new Date(now);
  const daysToMonday = (8 - date.getDay()) % 7 || 7;
  date.setHours(0, 0, 0, 0);
  return date.getTime() + daysToMonday * DAY;
}

function matcher(filters, user, now) {
  const f = { ...EMPTY_FILTERS, ...filters };
  const weekEnd = endOfWeek(now);
  return (row) => {
    const { task, context, due } = row;
    if (f.district && context.districtKey !== f.district) return false;
    if (f.round && context.roundKey !== f.round) return false;
    if (f.process && task.processDefinitionId !== f.process) return false;
    if (f.state === 'unassigned' && task.assignee) return false;
    if (f.state === 'assigned' && !task.assignee) return false;
    if (f.assignee === 'me' && task.assignee !== user.username) return false;
    if (f.assignee && f.assignee !== 'me' && task.assignee !== f.assignee) return false;
    if (f.due === 'overdue' && !(due !== null && due < now)) return false;
    if (f.due === 'week' && !(due !== null && due >= now && due < weekEnd)) return false;
    if (f.due === 'soon' && !(due !== null && due >= now && due < now + DUE_SOON_DAYS * DAY)) return false;
    if (f.due === 'none' && due !== null) return false;
    return true;
  };
}

/** The engine's order for its sorts (absent values last; ties by task key), so merged pages agree with it. */
function comparator(sort) {
  const byKey = (a, b) => {
    const x = String(a.task.userTaskKey);
    const y = String(b.task.userTaskKey);
    return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
  };
  const order = ordering(sort);
  return (a, b) => order(a, b) || byKey(a, b);
}

function ordering(sort) {
  const time = (value) => (value ? Date.parse(value) : Infinity);
  switch (sort) {
    case 'priority': return (a, b) => (b.task.priority ?? 50) - (a.task.priority ?? 50) || time(a.task.dueDate) - time(b.task.dueDate);
    case 'creationDate': return (a, b) => time(a.task.creationDate) - time(b.task.creationDate);
    case 'district': return (a, b) => (a.context.district || '\uffff').localeCompare(b.context.district || '\uffff', 'zh-CN')
      || time(a.task.dueDate) - time(b.task.dueDate);
    default: return (a, b) => time(a.task.dueDate) - time(b.task.dueDate) || (b.task.priority ?? 50) - (a.task.priority ?? 50);
  }
}

function rowsFor(filters) {
  return filters.state === 'completed' ? (listState.completed ?? []) : listState.all.rows;
}

function sameFilters(a, b) {
  const x = { ...EMPTY_FILTERS, ...a };
  const y = { ...EMPTY_FILTERS, ...b };
  return Object.keys(EMPTY_FILTERS).every((key) => x[key] === y[key]);
}

// ------------------------------------------------------------------------------------------------ saved views

// Kept on the server, per user (GET/PUT /api/users/<user>/task-views; the console README). What an earlier console
// kept in this browser's localStorage is moved there once, on the first load, and then removed from the browser.
const legacyKey = (user) => `civicflow.console.task-views.${user.username}`;
const viewsPath = (user) => `/users/${encodeURIComponent(user.username)}/task-views`;
let viewsCache = { username: null, views: [] };

/** The user's saved views as last read from or written to the server. */
export function savedViews(user) {
  return viewsCache.username === user.username ? viewsCache.views : [];
}

function legacyViews(user) {
  try {
    const views = JSON.parse(localStorage.getItem(legacyKey(user)) ?? '[]');
    return Array.isArray(views) ? views.filter((v) => v && typeof v.name === 'string' && v.filters) : [];
  } catch {
    return [];
  }
}

/** Reads the user's views from the server, moving those this browser still keeps there first. */
async function loadViews(user) {
  try {
    const { views } = await appCall('GET', viewsPath(user));
    viewsCache = { username: user.username, views };
    const local = legacyViews(user).filter((v) => !views.some((kept) => kept.name === v.name));
    if (localStorage.getItem(legacyKey(user)) !== null) {
      if (local.length) {
        const moved = local.map((v, i) => ({
          id: /^[A-Za-z0-9_-]{1,40}$/.test(v.id ?? '') ? v.id : `saved-local-${i}`,
          name: String(v.name).trim().slice(0, 30).trim(),
          filters: Object.fromEntries(Object.entries(v.filters).filter(([key, value]) => key in EMPTY_FILTERS && typeof value === 'string')),
        })).filter((v, i, all) => v.name && all.findIndex((w) => w.name === v.name || w.id === v.id) === i
          && !views.some((kept) => kept.id === v.id || kept.name === v.name));
        await storeViews(user, [...views, ...moved]);
      }
      localStorage.removeItem(legacyKey(user));
    }
  } catch (e) {
    viewsCache = { username: user.username, views: [] };
    flash(`已保存的视图未能读取：${describe(e)}`, 'error');
  }
}

/** Replaces the user's views on the server; the cache follows the server's answer. */
async function storeViews(user, views) {
  const answer = await appCall('PUT', viewsPath(user), { views: views.slice(0, 50) });
  viewsCache = { username: user.username, views: answer.views };
}

// ------------------------------------------------------------------------------------------------ rendering

function dueCell(row, now) {
  if (row.due === null) return '—';
  const text = formatDate(row.task.dueDate);
  if (row.task.state !== 'CREATED') return text;
  if (row.due < now) return [text, ' ', badge('已逾期', 'danger')];
  if (row.due - now < DUE_SOON_DAYS * DAY) return [text, ' ', badge('即将到期', 'warning')];
  return text;
}

function options(pairs, selected, any) {
  return [h('option', { value: '' }, any), ...pairs.map(([value, title]) => h('option', { value, selected: value === selected }, title))];
}

function distinct(rows, key, title) {
  const seen = new Map();
  for (const row of rows) {
    const value = key(row);
    if (value && !seen.get(value)) seen.set(value, title(row) || value);
  }
  return [...seen].sort((a, b) => String(a[1]).localeCompare(String(b[1]), 'zh-CN'));
}

export async function showTaskList({ reload = true } = {}) {
  const render = renderer();
  const user = currentUser();
  if (reload || (!listState.data && !listState.all)) {
    listState.known = new Map([...listState.known].filter(([key]) => listState.selected.has(key)));
    if (!(await load(user))) return;
  }
  const page = h('div', { class: 'tasklist', 'data-testid': 'task-list' });
  render(page);
  drawList(page, user);
}

function drawList(page, user) {
  const now = engineNow();
  const filters = listState.filters;
  // every task in the browser (a round filter, the sort by district) or the engine's page of the view
  const local = listState.all && needsAll(filters, listState.sort);
  const countOf = (view) => {
    const f = { ...EMPTY_FILTERS, ...view.filters };
    const counted = listState.counts.get(filtersKey(f));
    if (counted !== undefined) return counted;
    if (!listState.all || (f.state === 'completed' && !listState.completed)) return '…';
    return rowsFor(f).filter(matcher(f, user, now)).length;
  };
  const allViews = views(user);
  const openCount = countOf(BUILT_IN_VIEWS[0]);
  const overdue = countOf(BUILT_IN_VIEWS.find((view) => view.id === 'overdue'));
  const truncated = local && listState.all.truncated;
  const viewBar = h('div', { class: 'views', role: 'group', 'aria-label': '视图' }, allViews.map((view) => {
    const active = sameFilters(view.filters, filters);
    const button = h('button', {
      type: 'button',
      class: active ? 'tab active' : 'tab',
      'aria-pressed': active ? 'true' : 'false',
      'data-view': view.id,
      onclick: () => applyFilters({ ...EMPTY_FILTERS, ...view.filters }),
    }, view.name, ' ', h('span', { class: 'count', 'data-testid': 'view-count' }, String(countOf(view))));
    if (!view.saved) return button;
    return h('span', { class: 'saved-view' }, button, h('button', {
      type: 'button',
      class: 'link remove',
      'aria-label': `删除视图「${view.name}」`,
      title: '删除视图',
      onclick: async () => {
        try {
          await storeViews(user, savedViews(user).filter((v) => v.id !== view.id));
          flash(`已删除视图「${view.name}」。`, 'success');
        } catch (e) {
          flash(`视图未能删除：${describe(e)}`, 'error');
        }
        drawList(page, user);
      },
    }, '×'));
  }));

  // the filters' choices: what the drawn rows (or all rows) hold, the units, the saved views' and the current values
  const all = listState.all ? listState.all.rows : listState.data?.rows ?? [];
  const choices = (name, fromRows) => {
    const seen = new Map(fromRows);
    for (const view of allViews) if (view.filters[name] && !seen.has(view.filters[name])) seen.set(view.filters[name], view.filters[name]);
    if (filters[name] && !seen.has(filters[name])) seen.set(filters[name], filters[name]);
    return [...seen].sort((a, b) => String(a[1]).localeCompare(String(b[1]), 'zh-CN'));
  };
  // a label of its own (for=): a label wrapping the select would take the options' text into its name
  const field = (name, label, control) => h('div', { class: 'field' }, h('label', { for: `task-filter-${name}` }, label), control);
  const select = (name, label, pairs, any) => field(name, label, h('select', {
    id: `task-filter-${name}`,
    name,
    onchange: (e) => applyFilters({ ...listState.filters, [name]: e.target.value }),
  }, options(pairs, filters[name], any)));
  const form = h('form', { class: 'filters', 'aria-label': '筛选任务', onsubmit: (e) => e.preventDefault() },
    select('district', '区镇/单元', choices('district', [...Object.entries(UNITS), ...distinct(all, (r) => r.context.districtKey, (r) => r.context.district)]), '全部区镇'),
    select('round', '采购轮次', choices('round', distinct(all, (r) => r.context.roundKey, (r) => r.context.roundName || `${r.context.roundKey}年度`)), '全部轮次'),
    select('process', '流程', choices('process', distinct(all, (r) => r.task.processDefinitionId, (r) => r.task.processName || r.task.processDefinitionId)), '全部流程'),
    field('state', '状态', h('select', {
      id: 'task-filter-state',
      name: 'state',
      onchange: async (e) => {
        applyFilters({ ...listState.filters, state: e.target.value });
      },
    }, [['open', '全部待办'], ['unassigned', '未认领'], ['assigned', '已认领'], ['completed', '已完成']]
      .map(([value, title]) => h('option', { value, selected: value === filters.state }, title)))),
    select('due', '到期', [['overdue', '已逾期'], ['week', '本周到期'], ['soon', `${DUE_SOON_DAYS}天内到期`], ['none', '无到期时间']], '不限'),
    select('assignee', '办理人', [['me', '我'], ...choices('assignee', [
      ...(listState.teams ?? []).flatMap((team) => team.members).filter((m) => m.username !== user.username).map((m) => [m.username, m.name]),
      ...distinct(all, (r) => (r.task.assignee && r.task.assignee !== user.username ? r.task.assignee : ''), (r) => r.task.assignee)])
      .filter(([value]) => value !== 'me')], '不限'),
    field('sort', '排序', h('select', {
      id: 'task-filter-sort',
      name: 'sort',
      onchange: (e) => { listState.sort = e.target.value; listState.page = 0; redraw(page, user); },
    }, SORTS.map(([value, title]) => h('option', { value, selected: value === listState.sort }, title)))),
    h('button', { type: 'button', onclick: () => applyFilters({ ...EMPTY_FILTERS }) }, '清除筛选'));

  const viewName = h('input', { id: 'task-view-name', name: 'viewName', maxlength: 30, placeholder: '如：张浦镇逾期任务' });
  const saveForm = h('form', {
    class: 'save-view',
    onsubmit: async (e) => {
      e.preventDefault();
      const name = viewName.value.trim();
      if (!name) {
        flash('请为视图填写名称。', 'error');
        viewName.focus();
        return;
      }
      const kept = savedViews(user).filter((v) => v.name !== name);
      if (kept.length >= 50) {
        flash('最多保存 50 个视图，请先删除不用的视图。', 'error');
        return;
      }
      try {
        await storeViews(user, [...kept, { id: `saved-${Date.now().toString(36)}`, name, filters: { ...listState.filters } }]);
        flash(`已保存视图「${name}」。`, 'success');
      } catch (err) {
        flash(`视图未能保存：${describe(err)}`, 'error');
      }
      await redraw(page, user);
    },
  }, h('div', { class: 'field' }, h('label', { for: 'task-view-name' }, '将当前筛选保存为视图'), viewName),
  h('button', { type: 'submit' }, '保存视图'));

  let visible;
  let shownCount;
  if (local) {
    const shown = rowsFor(filters).filter(matcher(filters, user, now)).sort(comparator(listState.sort));
    shownCount = shown.length;
    listState.page = Math.min(listState.page, Math.max(1, Math.ceil(shown.length / ROWS_PER_PAGE)) - 1);
    visible = shown.slice(listState.page * ROWS_PER_PAGE, (listState.page + 1) * ROWS_PER_PAGE);
    for (const row of visible) listState.known.set(String(row.task.userTaskKey), row);
  } else {
    visible = listState.data.rows;
    shownCount = listState.data.total;
  }
  const pages = Math.max(1, Math.ceil(shownCount / ROWS_PER_PAGE));

  const claimable = (row) => row.task.state === 'CREATED' && !row.task.assignee;
  const bulk = h('button', {
    type: 'button',
    class: 'primary',
    'data-testid': 'bulk-claim',
    disabled: listState.selected.size === 0,
    onclick: () => bulkClaim(page, user),
  }, `认领所选（${listState.selected.size}）`);
  // a team lead hands the selected tasks to a member of their team (the console README, "Team leads")
  const teams = listState.teams ?? [];
  const members = new Map();
  for (const team of teams) for (const member of team.members) members.set(member.username, member);
  if (!members.has(listState.assignTo)) listState.assignTo = '';
  const assignTo = teams.length ? h('select', {
    id: 'task-assign-to',
    name: 'assignTo',
    onchange: (e) => { listState.assignTo = e.target.value; assignButton.disabled = !canAssign(); },
  }, h('option', { value: '' }, '选择组员'), teams.map((team) => h('optgroup', { label: groupName(team.group) },
    team.members.map((m) => h('option', { value: m.username, selected: m.username === listState.assignTo }, `${m.name}（${m.username}）`))))) : null;
  const canAssign = () => listState.selected.size > 0 && listState.assignTo !== '';
  const assignButton = h('button', {
    type: 'button',
    'data-testid': 'bulk-assign',
    disabled: !canAssign(),
    onclick: () => bulkAssign(page, user, listState.assignTo),
  }, `分配所选（${listState.selected.size}）`);
  const assignBar = teams.length ? h('div', { class: 'assign', role: 'group', 'aria-label': '组长分配任务' },
    h('div', { class: 'field' }, h('label', { for: 'task-assign-to' }, '分配给'), assignTo), assignButton) : null;
  const pageClaimable = visible.filter(claimable);
  const selectPage = h('input', {
    type: 'checkbox',
    'aria-label': '选择本页所有未认领的任务',
    checked: pageClaimable.length > 0 && pageClaimable.every((row) => listState.selected.has(String(row.task.userTaskKey))),
    disabled: pageClaimable.length === 0,
    onchange: (e) => {
      for (const row of pageClaimable) {
        if (e.target.checked) listState.selected.add(String(row.task.userTaskKey));
        else listState.selected.delete(String(row.task.userTaskKey));
      }
      drawList(page, user);
    },
  });

  const tableRows = visible.map((row) => {
    const { task, context } = row;
    const key = String(task.userTaskKey);
    const name = task.name || task.elementId;
    const late = task.state === 'CREATED' && row.due !== null && row.due < now;
    return h('tr', {
      'data-task-key': key, 'data-element-id': task.elementId, 'data-instance-key': task.processInstanceKey,
      'data-district': context.districtKey, class: late ? 'late' : '',
    },
    h('td', { class: 'pick' }, claimable(row) ? h('input', {
      type: 'checkbox',
      'aria-label': `选择：${name}${context.district ? `（${context.district}）` : ''}`,
      checked: listState.selected.has(key),
      onchange: (e) => {
        if (e.target.checked) listState.selected.add(key);
        else listState.selected.delete(key);
        bulk.disabled = listState.selected.size === 0;
        bulk.textContent = `认领所选（${listState.selected.size}）`;
        assignButton.disabled = !canAssign();
        assignButton.textContent = `分配所选（${listState.selected.size}）`;
      },
    }) : null),
    h('td', {}, h('a', { href: `#/tasks/${key}` }, name),
      h('div', { class: 'muted small' }, task.processName || task.processDefinitionId)),
    h('td', { 'data-col': 'district' }, context.district || '—'),
    h('td', { 'data-col': 'project' }, context.projectNo || '—'),
    h('td', { 'data-col': 'contract' }, context.contractNo || '—'),
    h('td', { 'data-col': 'provider' }, context.provider || '—'),
    h('td', { 'data-col': 'resident' }, context.resident || '—'),
    h('td', { 'data-col': 'assignee' }, task.assignee ? (task.assignee === user.username ? badge('我', 'info') : task.assignee) : badge('未认领')),
    h('td', { 'data-col': 'due' }, dueCell(row, now)),
    h('td', { class: 'num', 'data-col': 'priority' }, task.priority ?? 50),
    h('td', { class: 'actions' }, task.state !== 'CREATED' ? null
      : !task.assignee ? h('button', { type: 'button', 'aria-label': `认领：${name}`, onclick: () => claimRow(page, user, row) }, '认领')
      : task.assignee === user.username ? h('button', { type: 'button', 'aria-label': `取消认领：${name}`, onclick: () => unclaimRow(page, user, row) }, '取消认领')
      : null));
  });

  const pager = pages > 1 ? h('nav', { class: 'pager', 'aria-label': '分页' },
    h('button', { type: 'button', disabled: listState.page === 0, onclick: () => { listState.page -= 1; redraw(page, user); } }, '上一页'),
    h('span', {}, `第 ${listState.page + 1} / ${pages} 页`),
    h('button', { type: 'button', disabled: listState.page >= pages - 1, onclick: () => { listState.page += 1; redraw(page, user); } }, '下一页')) : null;

  const focused = document.activeElement?.name;
  page.replaceChildren(...[
    h('div', { class: 'page-head' }, h('h1', {}, '待办任务'),
      h('div', { class: 'tools' }, h('button', { type: 'button', onclick: () => showTaskList() }, '刷新'))),
    h('p', { class: 'muted summary' }, `我的组：${user.groups.map(groupName).join('、') || '无'}。共 ${openCount} 项待办，其中 `,
      h('strong', { class: overdue ? 'late-count' : '', 'data-testid': 'overdue-count' }, `已逾期 ${overdue} 项`), '。'),
    viewBar,
    form,
    h('div', { class: 'bulk' }, bulk, assignBar, saveForm),
    h('p', { class: 'muted', role: 'status', 'data-testid': 'shown-count' }, `符合条件的任务 ${shownCount} 项`),
    h('div', { class: 'table-scroll' }, tableRows.length
      ? h('table', { class: 'grid tasks', 'data-testid': 'task-table' },
        h('caption', { class: 'visually-hidden' }, `待办任务，第 ${listState.page + 1} / ${pages} 页，共 ${shownCount} 项`),
        h('thead', {}, h('tr', {}, h('th', { class: 'pick' }, selectPage),
          ['任务', '区镇/单元', '项目编号', '合同编号', '承接机构', '居民', '办理人', '到期时间', '优先级', '操作'].map((title) => h('th', { scope: 'col' }, title)))),
        h('tbody', {}, tableRows))
      : h('p', { class: 'muted empty', 'data-testid': 'task-table' }, openCount ? '没有符合筛选条件的任务。' : '当前没有待办任务。')),
    pager,
    truncated ? h('p', { class: 'muted' }, `仅载入前 ${MAX_TASKS} 项任务，请用筛选缩小范围。`) : null].filter(Boolean));
  page.dataset.state = 'ready';
  if (focused) page.querySelector(`[name="${focused}"]`)?.focus();
  // a saved view by round is counted from every task: loaded after the page is drawn
  if (!listState.all && allViews.some((view) => countOf(view) === '…' && needsAll(view.filters, ''))) {
    const generation = listState.generation;
    loadAll(user).then(() => { if (generation === listState.generation && page.isConnected) drawList(page, user); })
      .catch((e) => flash(describe(e), 'error'));
  }
}

/** Draws the list again after the filters, the sort or the page changed: the engine is asked for the new page. */
async function redraw(page, user, { changed = false } = {}) {
  page.dataset.state = 'loading';
  try {
    if (changed) {
      listState.counts = new Map();
      listState.all = null;
      listState.completed = null;
    }
    if (!(await load(user, { reload: false })) || !page.isConnected) return;
  } catch (e) {
    flash(describe(e), 'error');
  }
  drawList(page, user);
}

function applyFilters(filters) {
  listState.filters = { ...EMPTY_FILTERS, ...filters };
  listState.page = 0;
  listState.selected.clear();
  const page = document.querySelector('[data-testid="task-list"]');
  if (page) redraw(page, currentUser());
}

// ------------------------------------------------------------------------------------------------ claiming

async function assign(row, user) {
  await post(`/user-tasks/${row.task.userTaskKey}/assignment`, { assignee: user.username, allowOverride: false, action: 'claim' });
  row.task = { ...row.task, assignee: user.username };
}

async function claimRow(page, user, row) {
  try {
    await assign(row, user);
    flash(`已认领「${row.task.name || row.task.elementId}」。`, 'success');
  } catch (e) {
    flash(e instanceof ApiError && e.status === 409 ? '任务已被他人认领，请刷新列表。' : `认领失败：${describe(e)}`, 'error');
  }
  await redraw(page, user, { changed: true });
}

async function unclaimRow(page, user, row) {
  try {
    await del(`/user-tasks/${row.task.userTaskKey}/assignee`);
    row.task = { ...row.task, assignee: null };
    flash(`已取消认领「${row.task.name || row.task.elementId}」，任务退回组内。`, 'success');
  } catch (e) {
    flash(`取消认领失败：${describe(e)}`, 'error');
  }
  await redraw(page, user, { changed: true });
}

/** Claims every selected task for the user, four at a time; says how many were taken by someone else. */
async function bulkClaim(page, user) {
  const byKey = listState.known;
  const queue = [...listState.selected].map((key) => byKey.get(key)).filter(Boolean);
  let claimed = 0;
  const failed = [];
  const worker = async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      try {
        await assign(row, user);
        claimed += 1;
      } catch (e) {
        failed.push(e);
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  listState.selected.clear();
  if (failed.length) {
    const taken = failed.filter((e) => e instanceof ApiError && e.status === 409).length;
    flash(`已认领 ${claimed} 项；${failed.length} 项未能认领${taken ? `（其中 ${taken} 项已被他人认领）` : `：${describe(failed[0])}`}。`, 'error');
  } else {
    flash(`已认领 ${claimed} 项任务。`, 'success');
  }
  await redraw(page, user, { changed: true });
}

/**
 * A team lead hands every selected task to one member, four requests at a time, with the lead's own credentials: the
 * engine decides whether the lead may assign each task. Only tasks offered to a group the member belongs to among the
 * lead's teams are sent; the others are counted and named.
 */
async function bulkAssign(page, user, assignee) {
  const teams = (listState.teams ?? []).filter((team) => team.members.some((m) => m.username === assignee)).map((t) => t.group);
  const member = (listState.teams ?? []).flatMap((t) => t.members).find((m) => m.username === assignee);
  const byKey = listState.known;
  const chosen = [...listState.selected].map((key) => byKey.get(key)).filter(Boolean);
  const outside = chosen.filter((row) => !(row.task.candidateGroups ?? []).some((group) => teams.includes(group)));
  const queue = chosen.filter((row) => !outside.includes(row));
  let assigned = 0;
  const failed = [];
  const worker = async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      try {
        await post(`/user-tasks/${row.task.userTaskKey}/assignment`, { assignee, allowOverride: false, action: 'assign' });
        row.task = { ...row.task, assignee };
        assigned += 1;
      } catch (e) {
        failed.push(e);
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  listState.selected.clear();
  const who = member ? member.name : assignee;
  const notes = [];
  if (outside.length) notes.push(`${outside.length} 项不属于${who}所在组的任务，未分配`);
  if (failed.length) {
    const taken = failed.filter((e) => e instanceof ApiError && e.status === 409).length;
    notes.push(`${failed.length} 项未能分配${taken ? `（其中 ${taken} 项已被他人认领）` : `：${describe(failed[0])}`}`);
  }
  flash(`已将 ${assigned} 项任务分配给${who}${notes.length ? `；${notes.join('；')}` : ''}。`, notes.length ? 'error' : 'success');
  await redraw(page, user, { changed: true });
}
