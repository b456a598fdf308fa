// The process view for analysts: definitions and versions, instances with filters, one instance with its diagram,
// variables, history and incidents; retry an incident, cancel an instance.
import { ApiError, describe, get, parseValue, patch, post, search, searchAll, toJsonText } from './api.js';
import { badge, flash, formatDate, h, renderer, table } from './dom.js';
import { drawDiagram, markInstance } from './diagram.js';
import { ELEMENT_STATES, ELEMENT_TYPES, INCIDENT_TYPES, INSTANCE_STATES } from './labels.js';
import { currentUser, isAdmin, isAnalyst, isModeller, mayReadRounds } from './session.js';
import { followBatch } from './migrate.js';
import { modificationCard } from './modify.js';

const instanceFilter = { processDefinitionId: '', state: 'ACTIVE', hasIncident: false, variableName: '', variableValue: '' };

function subnav(current) {
  return h('div', { class: 'tabs' },
    h('a', { class: current === 'instances' ? 'tab active' : 'tab', href: '#/processes' }, '流程实例'),
    h('a', { class: current === 'definitions' ? 'tab active' : 'tab', href: '#/processes/definitions' }, '流程定义'));
}

function stateBadge(instance) {
  const kind = instance.state === 'ACTIVE' ? 'info' : instance.state === 'COMPLETED' ? 'success' : '';
  return [badge(INSTANCE_STATES[instance.state] ?? instance.state, kind), instance.hasIncident ? [' ', badge('故障', 'danger')] : null];
}

/** The API filter for the form's values; the variable value is compared as JSON text (typed 42 → 42, abc → "abc"). */
export function toInstanceFilter(f) {
  const filter = {};
  if (f.processDefinitionId) filter.processDefinitionId = f.processDefinitionId;
  if (f.state) filter.state = f.state;
  if (f.hasIncident) filter.hasIncident = true;
  if (f.variableName.trim() && f.variableValue.trim()) {
    filter.variables = [{ name: f.variableName.trim(), value: toJsonText(f.variableValue) }];
  }
  return filter;
}

export async function showInstances() {
  const render = renderer();
  const definitions = await searchAll('process-definitions', { filter: { isLatestVersion: true }, sort: [{ field: 'processDefinitionId', order: 'ASC' }] });
  const result = await search('process-instances', {
    filter: toInstanceFilter(instanceFilter),
    sort: [{ field: 'startDate', order: 'DESC' }],
    page: { from: 0, limit: 100 },
  });
  const field = (name, input) => h('label', {}, name, input);
  const process = h('select', { name: 'processDefinitionId' }, h('option', { value: '' }, '全部流程'),
    definitions.map((d) => h('option', { value: d.processDefinitionId, selected: d.processDefinitionId === instanceFilter.processDefinitionId }, d.name || d.processDefinitionId)));
  const state = h('select', { name: 'state' }, [['', '全部状态'], ...Object.entries(INSTANCE_STATES)].map(([value, title]) =>
    h('option', { value, selected: value === instanceFilter.state }, title)));
  const hasIncident = h('input', { type: 'checkbox', name: 'hasIncident', checked: instanceFilter.hasIncident });
  const variableName = h('input', { name: 'variableName', placeholder: '如 contractNo', value: instanceFilter.variableName });
  const variableValue = h('input', { name: 'variableValue', placeholder: '如 KS-2026-001', value: instanceFilter.variableValue });
  const form = h('form', { class: 'filters card', onsubmit: (event) => {
    event.preventDefault();
    Object.assign(instanceFilter, { processDefinitionId: process.value, state: state.value, hasIncident: hasIncident.checked,
      variableName: variableName.value, variableValue: variableValue.value });
    showInstances().catch((e) => flash(describe(e), 'error'));
  } },
  field('流程', process), field('状态', state), h('label', { class: 'check' }, hasIncident, '仅有故障'),
  field('变量名', variableName), field('变量值', variableValue),
  h('button', { class: 'primary', type: 'submit' }, '查询'));
  const rows = result.items.map((i) => h('tr', { 'data-instance-key': i.processInstanceKey },
    h('td', {}, h('a', { href: `#/processes/instances/${i.processInstanceKey}` }, i.processInstanceKey)),
    h('td', {}, i.processDefinitionName || i.processDefinitionId),
    h('td', { class: 'num' }, `v${i.processDefinitionVersion}`),
    h('td', {}, stateBadge(i)),
    h('td', {}, formatDate(i.startDate)),
    h('td', {}, formatDate(i.endDate))));
  const total = result.page?.totalItems ?? result.items.length;
  const progress = h('div', { 'data-testid': 'batch-progress' });
  const batch = async (path, what) => {
    if (!window.confirm(`确定对当前筛选出的 ${total} 个实例${what}？`)) return;
    try {
      const created = await post(path, { filter: toInstanceFilter(instanceFilter) });
      await followBatch(created.batchOperationKey, progress);
    } catch (e) {
      flash(`批量操作失败：${describe(e)}`, 'error');
    }
  };
  // batch cancel and batch retry need BATCH permissions only administrators have (a modeller's batch is a migration)
  const batchTools = isAdmin(currentUser()) && total ? h('div', { class: 'tools' },
    h('button', { class: 'danger', 'data-testid': 'batch-cancel', onclick: () => batch('/process-instances/cancellation', '批量取消') }, '批量取消（按当前筛选）'),
    h('button', { 'data-testid': 'batch-resolve', onclick: () => batch('/process-instances/incident-resolution', '批量重试故障') }, '批量重试故障（按当前筛选）')) : null;
  render(h('div', { class: 'page-head' }, h('h1', {}, '流程监控')), subnav('instances'), form,
    h('p', { class: 'muted' }, `共 ${total} 个实例${total > 100 ? '（显示最近 100 个）' : ''}`), batchTools, progress,
    table(['实例编号', '流程', '版本', '状态', '开始时间', '结束时间'], rows, { empty: '没有符合条件的流程实例。', testid: 'instance-table' }));
}

export async function showDefinitions() {
  const render = renderer();
  const definitions = await searchAll('process-definitions', { sort: [{ field: 'processDefinitionId', order: 'ASC' }, { field: 'version', order: 'DESC' }] });
  const byId = new Map();
  for (const d of definitions) byId.set(d.processDefinitionId, [...(byId.get(d.processDefinitionId) ?? []), d]);
  const diagram = h('div', { class: 'diagram', 'data-testid': 'definition-diagram' });
  const caption = h('h2', {}, '');
  const show = async (d) => {
    caption.textContent = `${d.name || d.processDefinitionId} · v${d.version}`;
    diagram.replaceChildren();
    await drawDiagram(diagram, d.processDefinitionKey);
  };
  const rows = [];
  const modeller = isModeller(currentUser());
  for (const [id, versions] of byId) {
    const latest = versions[0];
    const active = await search('process-instances', { filter: { processDefinitionId: id, state: 'ACTIVE' }, page: { from: 0, limit: 1 } });
    rows.push(h('tr', { 'data-process-id': id },
      h('td', {}, latest.name || id), h('td', {}, id),
      h('td', {}, versions.map((v) => h('button', { class: 'link', onclick: () => show(v) }, `v${v.version}`))),
      h('td', {}, latest.hasStartForm ? h('a', { href: `#/start/${latest.processDefinitionKey}` }, '有（发起）') : '无'),
      h('td', { class: 'num' }, h('a', { href: '#/processes', onclick: () => Object.assign(instanceFilter, { processDefinitionId: id, state: 'ACTIVE' }) },
        active.page?.totalItems ?? active.items.length)),
      modeller ? h('td', {}, versions.length > 1
        ? versions.slice(1).map((v) => h('a', { class: 'button', href: `#/processes/definitions/${v.processDefinitionKey}/migrate`,
          'data-testid': `migrate-${id}-v${v.version}` }, `迁移 v${v.version}`)) : '—') : null));
  }
  render(h('div', { class: 'page-head' }, h('h1', {}, '流程监控')), subnav('definitions'),
    table(['名称', '标识', '版本（点击查看流程图）', '发起表单', '运行中实例', ...(modeller ? ['迁移旧版本实例'] : [])], rows, { empty: '还没有部署流程。' }),
    h('section', { class: 'card' }, caption, diagram));
  if (definitions.length) await show(definitions[0]);
}

export async function showInstance(key) {
  const render = renderer();
  const instance = await get(`/process-instances/${key}`);
  const [elements, incidents, variables, flows] = await Promise.all([
    searchAll('element-instances', { filter: { processInstanceKey: key }, sort: [{ field: 'startDate', order: 'ASC' }] }),
    searchAll('incidents', { filter: { processInstanceKey: key }, sort: [{ field: 'creationTime', order: 'ASC' }] }),
    searchAll('variables', { filter: { processInstanceKey: key }, sort: [{ field: 'name', order: 'ASC' }] }),
    get(`/process-instances/${key}/sequence-flows`).catch(() => ({ items: [] })),
  ]);
  const names = new Map(elements.map((e) => [String(e.elementInstanceKey), e.elementName || e.elementId]));
  const active = instance.state === 'ACTIVE';
  const diagram = h('div', { class: 'diagram', 'data-testid': 'instance-diagram' });
  const cancel = active && isAnalyst(currentUser()) ? h('button', { class: 'danger', onclick: () => cancelInstance(instance) }, '取消实例') : null;
  const openIncidents = incidents.filter((i) => i.state === 'ACTIVE');
  render(h('a', { href: '#/processes', class: 'back' }, '← 返回实例列表'),
    h('div', { class: 'page-head' },
      h('h1', {}, `${instance.processDefinitionName || instance.processDefinitionId} · 实例 ${instance.processInstanceKey}`),
      h('div', { class: 'tools' }, mayReadRounds(currentUser()) ? h('a', { class: 'button', href: `#/processes/instances/${key}/audit`, 'data-testid': 'open-audit' }, '审计记录') : null,
        active && isModeller(currentUser()) ? h('a', { class: 'button', href: `#/processes/definitions/${instance.processDefinitionKey}/migrate`,
          'data-testid': 'open-migration' }, '迁移') : null,
        cancel)),
    h('p', { 'data-testid': 'instance-state' }, stateBadge(instance), ` 版本 v${instance.processDefinitionVersion} · 开始 ${formatDate(instance.startDate)}`,
      instance.endDate ? ` · 结束 ${formatDate(instance.endDate)}` : ''),
    h('section', { class: 'card' }, diagram,
      h('p', { class: 'legend' }, h('span', { class: 'key active' }), '进行中 ', h('span', { class: 'key completed' }), '已完成 ',
        h('span', { class: 'key incident' }), '故障 ', h('span', { class: 'key terminated' }), '已终止')),
    openIncidents.length ? h('section', { class: 'card incidents' }, h('h2', {}, `故障（${openIncidents.length}）`),
      table(['环节', '类型', '信息', '时间', ''], openIncidents.map((i) => h('tr', { 'data-incident-key': i.incidentKey },
        h('td', {}, names.get(String(i.elementInstanceKey)) ?? i.elementId),
        h('td', {}, INCIDENT_TYPES[i.errorType] ?? i.errorType),
        h('td', { class: 'message' }, i.errorMessage),
        h('td', {}, formatDate(i.creationTime)),
        h('td', {}, h('button', { class: 'primary', onclick: () => retryIncident(i, key) }, '重试')))))) : null,
    h('div', { class: 'columns' },
      h('section', { class: 'card main' }, h('h2', {}, '执行历史'),
        table(['环节', '类型', '状态', '开始', '结束'], elements.filter((e) => e.type !== 'PROCESS').map((e) => h('tr', { 'data-element-id': e.elementId, 'data-state': e.state },
          h('td', {}, e.elementName || e.elementId),
          h('td', {}, ELEMENT_TYPES[e.type] ?? e.type),
          h('td', {}, badge(ELEMENT_STATES[e.state] ?? e.state, e.state === 'ACTIVE' ? 'info' : e.state === 'COMPLETED' ? 'success' : ''), e.hasIncident ? [' ', badge('故障', 'danger')] : null),
          h('td', {}, formatDate(e.startDate)),
          h('td', {}, formatDate(e.endDate)))), { testid: 'history-table' })),
      h('section', { class: 'card side' }, h('h2', {}, '变量'),
        table(['名称', '值', '作用域'], variables.map((v) => h('tr', { 'data-variable': v.name },
          h('td', {}, v.name),
          h('td', { class: 'value' }, formatValue(v.value)),
          h('td', {}, String(v.scopeKey) === String(key) ? '流程' : names.get(String(v.scopeKey)) ?? v.scopeKey))), { empty: '没有变量。', testid: 'variable-table' }))));
  if (active && isModeller(currentUser()) && location.hash === `#/processes/instances/${key}`) {
    const xml = await get(`/process-definitions/${instance.processDefinitionKey}/xml`, { accept: 'text/xml' });
    document.getElementById('view').append(modificationCard(instance, elements, xml, () => showInstance(key)));
  }
  const viewer = await drawDiagram(diagram, instance.processDefinitionKey);
  if (viewer) {
    markInstance(viewer, elements, incidents, flows?.items ?? []);
    diagram.dataset.marked = 'true';
  }
}

function formatValue(jsonText) {
  const value = parseValue(jsonText);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

async function cancelInstance(instance) {
  if (!window.confirm(`确定取消实例 ${instance.processInstanceKey}？取消后不可恢复。`)) return;
  try {
    await post(`/process-instances/${instance.processInstanceKey}/cancellation`, {});
    flash('实例已取消。', 'success');
  } catch (e) {
    flash(`取消失败：${describe(e)}`, 'error');
  }
  await showInstance(instance.processInstanceKey);
}

/** A job incident needs retries before it is resolved, or the engine opens a new one at once (Zeebe's rule). */
async function retryIncident(incident, instanceKey) {
  try {
    if (incident.jobKey && (incident.errorType === 'JOB_NO_RETRIES' || !incident.errorType)) {
      await patch(`/jobs/${incident.jobKey}`, { changeset: { retries: 1 } });
    }
    await post(`/incidents/${incident.incidentKey}/resolution`, {});
    flash('已重试，故障已解决。', 'success');
  } catch (e) {
    flash(e instanceof ApiError && e.status === 404 ? '故障已不存在（可能已被他人处理）。' : `重试失败：${describe(e)}`, 'error');
  }
  await showInstance(instanceKey);
}
