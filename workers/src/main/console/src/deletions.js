// An auditor's page: the recorded document deletions (who deleted which document of which process instance, when
// and why), newest first, filtered by process instance or by the deleting user. The engine answers only holders of
// DOCUMENT READ on * (built-in: groups audit and admin); anyone else is told 无权查看.
import { ApiError, describe } from './api.js';
import { flash, formatDate, h, renderer, table } from './dom.js';
import { searchDeletions } from './documents.js';
import { currentUser, isAnalyst } from './session.js';

const filter = { processInstanceKey: '', deletedBy: '' };

export async function showDeletions() {
  const render = renderer();
  let records;
  try {
    records = await searchDeletions(filter);
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) {
      render(h('h1', {}, '文件删除记录'),
        h('p', { class: 'error', 'data-testid': 'deletions-forbidden' }, '无权查看：文件删除记录仅对审计人员和系统管理员开放。'));
      return;
    }
    throw e;
  }
  const instance = h('input', { name: 'processInstanceKey', inputmode: 'numeric', placeholder: '如 2251799813685249',
    value: filter.processInstanceKey });
  const deletedBy = h('input', { name: 'deletedBy', placeholder: '用户名，如 admin', value: filter.deletedBy });
  const form = h('form', { class: 'filters card', onsubmit: (event) => {
    event.preventDefault();
    Object.assign(filter, { processInstanceKey: instance.value.trim(), deletedBy: deletedBy.value.trim() });
    showDeletions().catch((e) => flash(describe(e), 'error'));
  } },
  h('label', {}, '流程实例编号', instance),
  h('label', {}, '删除人', deletedBy),
  h('button', { class: 'primary', type: 'submit' }, '查询'));
  const linkInstances = isAnalyst(currentUser());
  const rows = records.slice().reverse().map((record) => {
    const metadata = record.reference?.metadata ?? {};
    const key = metadata.processInstanceKey;
    return h('tr', { 'data-document-id': record.reference?.documentId },
      h('td', { 'data-col': 'file' }, metadata.fileName ?? record.reference?.documentId ?? '—'),
      h('td', { 'data-col': 'deleted-by' }, record.deletedBy),
      h('td', { 'data-col': 'deleted-at' }, formatDate(record.deletedAt)),
      h('td', { 'data-col': 'reason' }, record.reason ?? h('span', { class: 'muted' }, '（未填写）')),
      h('td', { 'data-col': 'instance' },
        !key ? '—' : linkInstances ? h('a', { href: `#/processes/instances/${key}` }, String(key)) : String(key)),
      h('td', { 'data-col': 'uploaded' }, `${record.uploadedBy ?? '—'} · ${formatDate(record.uploadedAt)}`));
  });
  render(h('div', { class: 'page-head' }, h('h1', {}, '文件删除记录')),
    h('p', { class: 'muted' }, '文件只能由有删除权限的用户删除，每次删除的删除人、时间和原因均在此留档，永久保存。'),
    form,
    h('p', { class: 'muted' }, `共 ${rows.length} 条记录`),
    table(['文件名', '删除人', '删除时间', '删除原因', '流程实例', '上传人 · 上传时间'], rows,
      { empty: '没有符合条件的删除记录。', testid: 'deletion-table' }));
}
