// The task list: tasks the user may see (assignee = me, candidateUser = me, candidateGroup ∈ my groups), claim and
// unclaim, and the linked Camunda form filled with the task's variables, validated and submitted to complete.
import { Form } from '@bpmn-io/form-js-viewer';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import { ApiError, del, describe, get, parseValue, post, search } from './api.js';
import { badge, clearError, flash, formatDate, h, renderer, table } from './dom.js';
import { groupName, TASK_STATES } from './labels.js';
import { currentUser } from './session.js';
import { chineseValidationMessages } from './form-messages.js';
import { documentPreviews, documentsIn, downloadDocument, uploadFiles } from './documents.js';

const DUE_SOON_DAYS = 3;
const DAY = 24 * 3600 * 1000;

const VIEWS = [
  ['all', '全部待办'],
  ['mine', '我的任务'],
  ['groups', '我的组'],
  ['dueSoon', `即将到期（${DUE_SOON_DAYS}天内）`],
  ['overdue', '已逾期'],
];
const SORTS = [
  ['dueDate', '按到期时间'],
  ['priority', '按优先级'],
  ['creationDate', '按创建时间'],
];

const listState = { view: 'all', sort: 'dueDate' };

/**
 * The API has no "or" across assignee and candidates, so "tasks I may see" is one search per way of being
 * entitled, merged by key. Each filter is a plain Camunda UserTaskFilter, so this works against Camunda 8 too.
 */
export async function visibleTasks(user, view, sort) {
  const now = Date.now();
  const base = { state: 'CREATED' };
  if (view === 'dueSoon') base.dueDate = { $gte: new Date(now).toISOString(), $lte: new Date(now + DUE_SOON_DAYS * DAY).toISOString() };
  if (view === 'overdue') base.dueDate = { $lt: new Date(now).toISOString() };
  const filters = [];
  if (view !== 'groups') filters.push({ ...base, assignee: user.username });
  if (view !== 'mine') {
    filters.push({ ...base, candidateUser: user.username });
    if (user.groups.length) filters.push({ ...base, candidateGroup: { $in: user.groups } });
  }
  const apiSort = sort === 'priority' ? [{ field: 'priority', order: 'DESC' }] : [{ field: sort, order: 'ASC' }];
  const results = await Promise.all(filters.map((filter) => search('user-tasks', { filter, sort: apiSort })));
  const byKey = new Map();
  let truncated = false;
  for (const result of results) {
    truncated ||= result.page?.totalItems > result.items.length;
    for (const task of result.items) byKey.set(task.userTaskKey, task);
  }
  return { tasks: [...byKey.values()].sort(comparator(sort)), truncated };
}

function comparator(sort) {
  const time = (value) => (value ? Date.parse(value) : Infinity);
  if (sort === 'priority') return (a, b) => (b.priority ?? 50) - (a.priority ?? 50) || time(a.dueDate) - time(b.dueDate);
  return (a, b) => time(a[sort]) - time(b[sort]) || (b.priority ?? 50) - (a.priority ?? 50);
}

export function mayWorkOn(user, task) {
  return task.assignee === user.username
    || (task.candidateUsers ?? []).includes(user.username)
    || (task.candidateGroups ?? []).some((group) => user.groups.includes(group));
}

function dueBadge(task) {
  if (!task.dueDate) return '—';
  const due = Date.parse(task.dueDate);
  const now = Date.now();
  const text = formatDate(task.dueDate);
  if (due < now) return [text, ' ', badge('已逾期', 'danger')];
  if (due - now < DUE_SOON_DAYS * DAY) return [text, ' ', badge('即将到期', 'warning')];
  return text;
}

function candidates(task) {
  const groups = (task.candidateGroups ?? []).map(groupName);
  return [...groups, ...(task.candidateUsers ?? [])].join('、') || '—';
}

export async function showTaskList() {
  const render = renderer();
  const user = currentUser();
  const { tasks, truncated } = await visibleTasks(user, listState.view, listState.sort);
  const tabs = h('div', { class: 'tabs', role: 'tablist' }, VIEWS.map(([view, title]) => h('button', {
    class: view === listState.view ? 'tab active' : 'tab',
    role: 'tab',
    'data-view': view,
    onclick: () => { listState.view = view; showTaskList(); },
  }, title)));
  const sortSelect = h('select', { 'aria-label': '排序', onchange: (e) => { listState.sort = e.target.value; showTaskList(); } },
    SORTS.map(([value, title]) => h('option', { value, selected: value === listState.sort }, title)));
  const rows = tasks.map((task) => h('tr', { 'data-task-key': task.userTaskKey, 'data-element-id': task.elementId, 'data-instance-key': task.processInstanceKey },
    h('td', {}, h('a', { href: `#/tasks/${task.userTaskKey}` }, task.name || task.elementId)),
    h('td', {}, task.processName || task.processDefinitionId),
    h('td', {}, candidates(task)),
    h('td', {}, task.assignee ? (task.assignee === user.username ? badge('我', 'info') : task.assignee) : badge('未认领')),
    h('td', {}, dueBadge(task)),
    h('td', { class: 'num' }, task.priority ?? 50),
    h('td', {}, formatDate(task.creationDate))));
  render(
    h('div', { class: 'page-head' }, h('h1', {}, '待办任务'),
      h('div', { class: 'tools' }, sortSelect, h('button', { onclick: () => showTaskList() }, '刷新'))),
    h('p', { class: 'muted' }, `我的组：${user.groups.map(groupName).join('、') || '无'}`),
    tabs,
    table(['任务', '流程', '候选人/组', '办理人', '到期时间', '优先级', '创建时间'], rows,
      { empty: '当前没有待办任务。', testid: 'task-table' }),
    truncated ? h('p', { class: 'muted' }, '仅显示前 100 条，请用筛选缩小范围。') : null);
}

export async function showTask(key) {
  const render = renderer();
  const user = currentUser();
  let task;
  try {
    task = await get(`/user-tasks/${key}`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      render(h('p', { class: 'error' }, '任务不存在或已被他人办理完毕。'), h('a', { href: '#/tasks' }, '返回待办任务'));
      return;
    }
    if (e instanceof ApiError && e.status === 403) {
      // the engine shows a task only to its assignee, candidate users and candidate groups
      render(h('a', { href: '#/tasks', class: 'back' }, '← 返回待办任务'),
        h('p', { class: 'error' }, '您不是该任务的办理人或候选人，无权查看。'));
      return;
    }
    throw e;
  }
  const back = h('a', { href: '#/tasks', class: 'back' }, '← 返回待办任务');
  if (!mayWorkOn(user, task)) {
    render(back, h('p', { class: 'error' }, '您不是该任务的办理人或候选人，无权查看。'));
    return;
  }
  const mine = task.assignee === user.username;
  const open = task.state === 'CREATED';
  const actions = h('div', { class: 'tools' });
  if (open && !task.assignee) actions.append(h('button', { class: 'primary', onclick: () => claim(task, user) }, '认领'));
  if (open && mine) actions.append(h('button', { onclick: () => unclaim(task) }, '取消认领'));
  const facts = h('dl', { class: 'facts' },
    h('dt', {}, '流程'), h('dd', {}, task.processName || task.processDefinitionId),
    h('dt', {}, '状态'), h('dd', {}, TASK_STATES[task.state] ?? task.state),
    h('dt', {}, '办理人'), h('dd', { 'data-testid': 'assignee' }, task.assignee || '未认领'),
    h('dt', {}, '候选人/组'), h('dd', {}, candidates(task)),
    h('dt', {}, '到期时间'), h('dd', {}, dueBadge(task)),
    h('dt', {}, '优先级'), h('dd', {}, task.priority ?? 50),
    h('dt', {}, '创建时间'), h('dd', {}, formatDate(task.creationDate)));
  const hint = !open ? h('p', { class: 'error' }, '该任务已结束，无需办理。')
    : !mine && task.assignee ? h('p', { class: 'warning' }, `该任务已由 ${task.assignee} 认领，您只能查看。`)
    : !mine ? h('p', { class: 'muted' }, '认领任务后才能填写并提交表单。') : null;
  const formBox = h('div', { class: 'form-box', 'data-testid': 'task-form' });
  const complete = h('button', { class: 'primary', disabled: !(open && mine), 'data-testid': 'complete' }, '提交并完成任务');
  render(back,
    h('div', { class: 'page-head' }, h('h1', {}, task.name || task.elementId), actions),
    h('div', { class: 'columns' }, h('section', { class: 'card main' }, hint, formBox, h('div', { class: 'tools end' }, complete)),
      h('aside', { class: 'card side' }, facts)));
  const [formResult, variables] = await Promise.all([
    task.formKey ? get(`/user-tasks/${key}/form`) : Promise.resolve(null),
    post(`/user-tasks/${key}/variables/search`, { sort: [], page: { from: 0, limit: 1000 } }),
  ]);
  const data = Object.fromEntries(variables.items.map((v) => [v.name, parseValue(v.value)]));
  const documents = documentsIn(data);
  if (documents.length) {
    facts.after(h('div', { class: 'documents', 'data-testid': 'task-documents' }, h('h2', {}, '附件'),
      h('ul', {}, documents.map((reference) => h('li', {},
        h('button', {
          class: 'link',
          'data-testid': 'document-download',
          onclick: () => downloadDocument(reference).catch((e) => flash(`下载失败：${describe(e)}`, 'error')),
        }, reference.metadata.fileName))))));
  }
  const submit = await mountForm(formBox, formResult, data,
    { readOnly: !(open && mine), upload: { processInstanceKey: task.processInstanceKey, uploadedBy: user.username } });
  // the form is mounted: 'editable' once the user may fill it in (after a claim the page is rendered anew)
  formBox.dataset.state = open && mine ? 'editable' : 'read-only';
  complete.addEventListener('click', async () => {
    complete.disabled = true;
    let result;
    try {
      result = await submit();
    } catch (e) {
      complete.disabled = false;
      flash(`文件上传失败：${describe(e)}`, 'error');
      return;
    }
    if (!result) {
      complete.disabled = false;
      return;
    }
    try {
      await post(`/user-tasks/${key}/completion`, { variables: result });
      flash(`任务「${task.name || task.elementId}」已完成。`, 'success');
      location.hash = '#/tasks';
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 409)) {
        // the task is gone or no longer ours: nothing on this page can be submitted any more
        flash('该任务已被他人办理完毕或已被收回，您的提交未生效。请返回任务列表刷新。', 'error');
      } else {
        complete.disabled = false;
        flash(`提交失败：${describe(e)}`, 'error');
      }
    }
  });
}

/**
 * Renders a Camunda form (schema from GET …/form; JSON object or text) with the given data, or — without a form —
 * the variables read-only. Returns an async function that validates, uploads the file pickers' files (with `upload`:
 * the process instance and the user they are recorded with) and gives the data to submit, or null when invalid.
 */
export async function mountForm(container, formResult, data, { readOnly = false, upload = {} } = {}) {
  if (!formResult?.schema) {
    const rows = Object.entries(data).map(([name, value]) => h('tr', {}, h('td', {}, name), h('td', {}, JSON.stringify(value))));
    container.replaceChildren(h('p', { class: 'muted' }, '此任务没有关联表单。'),
      table(['变量', '值'], rows, { empty: '没有变量。' }));
    return async () => ({});
  }
  const schema = typeof formResult.schema === 'string' ? JSON.parse(formResult.schema) : formResult.schema;
  // debounce off: form-js otherwise applies typed text 300 ms late, and a quick submit would send the old value
  const form = new Form({ container, debounce: false, additionalModules: [chineseValidationMessages, documentPreviews] });
  await form.importSchema(schema, data);
  form.setProperty('readOnly', readOnly);
  // the user is correcting what the error was about (DOM input events: only the user's edits, not submit()'s)
  container.addEventListener('input', clearError);
  return async () => {
    const { data: values, errors, files } = form.submit();
    if (Object.keys(errors).length) {
      flash('表单有未填写或不符合要求的字段，请按提示修改。', 'error');
      return null;
    }
    return uploadFiles(values, files, upload);
  };
}

async function claim(task, user) {
  try {
    await post(`/user-tasks/${task.userTaskKey}/assignment`, { assignee: user.username, allowOverride: false, action: 'claim' });
    flash('已认领，可以办理了。', 'success');
  } catch (e) {
    flash(e instanceof ApiError && e.status === 409 ? '任务已被他人认领。' : `认领失败：${describe(e)}`, 'error');
  }
  await showTask(task.userTaskKey);
}

async function unclaim(task) {
  try {
    await del(`/user-tasks/${task.userTaskKey}/assignee`);
    flash('已取消认领，任务退回组内。', 'success');
  } catch (e) {
    flash(`取消认领失败：${describe(e)}`, 'error');
  }
  await showTask(task.userTaskKey);
}
