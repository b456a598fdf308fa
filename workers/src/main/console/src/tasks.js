// One task: claim and unclaim, and the linked Camunda form filled with the task's variables, validated and
// submitted to complete. The list of tasks is tasklist.js.
import { Form } from '@bpmn-io/form-js-viewer';
import { ApiError, del, describe, get, parseValue, post } from './api.js';
import { badge, clearError, flash, formatDate, h, renderer, table } from './dom.js';
import { groupName, TASK_STATES } from './labels.js';
import { currentUser, isAdmin, isDocumentAuditor } from './session.js';
import { chineseValidationMessages } from './form-messages.js';
import {
  askDeletionReason, deleteDocument, documentPreviews, documentsIn, downloadDocument, searchDeletions, uploadFiles,
} from './documents.js';
import { engineNow, syncEngineClock } from './clock.js';
import { contextOf, DUE_SOON_DAYS } from './tasklist.js';

const DAY = 24 * 3600 * 1000;

export function mayWorkOn(user, task) {
  return task.assignee === user.username
    || (task.candidateUsers ?? []).includes(user.username)
    || (task.candidateGroups ?? []).some((group) => user.groups.includes(group));
}

function dueBadge(task) {
  if (!task.dueDate) return '—';
  const due = Date.parse(task.dueDate);
  const now = engineNow();
  const text = formatDate(task.dueDate);
  if (due < now) return [text, ' ', badge('已逾期', 'danger')];
  if (due - now < DUE_SOON_DAYS * DAY) return [text, ' ', badge('即将到期', 'warning')];
  return text;
}

function candidates(task) {
  const groups = (task.candidateGroups ?? []).map(groupName);
  return [...groups, ...(task.candidateUsers ?? [])].join('、') || '—';
}

export async function showTask(key) {
  const render = renderer();
  const user = currentUser();
  let task;
  try {
    [task] = await Promise.all([get(`/user-tasks/${key}`), syncEngineClock()]);
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
  // an administrator (the records' keeper, who deletes documents) sees any task, read-only unless claimed
  if (!mayWorkOn(user, task) && !isAdmin(user)) {
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
  const context = contextOf(data, user);
  facts.append(...[['区镇/单元', context.district], ['项目编号', context.projectNo], ['合同编号', context.contractNo],
    ['承接机构', context.provider], ['居民', context.resident]]
    .filter(([, value]) => value).flatMap(([title, value]) => [h('dt', {}, title), h('dd', {}, value)]));
  const documents = documentsIn(data);
  if (documents.length) facts.after(await attachments(documents, task, user));
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
 * The task's attachments: each downloads; an administrator may delete one, giving a reason. A document already
 * deleted (the variables keep its reference) is marked so for whoever may read the deletion records.
 */
async function attachments(documents, task, user) {
  let deleted = new Set();
  if (isDocumentAuditor(user)) {
    try {
      const records = await searchDeletions({ processInstanceKey: task.processInstanceKey });
      deleted = new Set(records.map((record) => record.reference?.documentId));
    } catch {
      /* not allowed after all: show the list as anyone sees it */
    }
  }
  const item = (reference) => {
    const li = h('li', { 'data-document-id': reference.documentId });
    const markDeleted = () => li.replaceChildren(h('s', {}, reference.metadata.fileName), ' ', badge('已删除', 'danger'));
    if (deleted.has(reference.documentId)) {
      markDeleted();
      return li;
    }
    li.append(h('button', {
      class: 'link',
      'data-testid': 'document-download',
      onclick: () => downloadDocument(reference).catch((e) => flash(`下载失败：${describe(e)}`, 'error')),
    }, reference.metadata.fileName));
    if (isAdmin(user)) {
      li.append(' ', h('button', {
        class: 'link danger',
        'data-testid': 'document-delete',
        'aria-label': `删除 ${reference.metadata.fileName}`,
        onclick: async () => {
          const reason = await askDeletionReason(reference.metadata.fileName);
          if (reason === null) return;
          try {
            await deleteDocument(reference, reason);
            markDeleted();
            flash(`文件「${reference.metadata.fileName}」已删除，删除原因已记录。`, 'success');
          } catch (e) {
            flash(e instanceof ApiError && e.status === 403 ? '您没有删除文件的权限，请联系系统管理员。'
              : e instanceof ApiError && e.status === 404 ? '该文件已不存在（可能已被他人删除）。'
                : `删除失败：${describe(e)}`, 'error');
          }
        },
      }, '删除'));
    }
    return li;
  };
  return h('div', { class: 'documents', 'data-testid': 'task-documents' }, h('h2', {}, '附件'),
    h('ul', {}, documents.map(item)));
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
