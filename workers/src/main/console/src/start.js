// Start forms: processes whose start event links a Camunda form, started with the form's data as variables.
import { appGet, describe, get, post, search } from './api.js';
import { flash, h, renderer, table } from './dom.js';
import { currentUser } from './session.js';
import { mountForm } from './tasks.js';

export async function showStartList() {
  const render = renderer();
  const result = await search('process-definitions', {
    filter: { isLatestVersion: true, hasStartForm: true },
    sort: [{ field: 'name', order: 'ASC' }],
  });
  const rows = result.items.map((d) => h('tr', { 'data-process-id': d.processDefinitionId },
    h('td', {}, h('a', { href: `#/start/${d.processDefinitionKey}` }, d.name || d.processDefinitionId)),
    h('td', {}, d.processDefinitionId),
    h('td', { class: 'num' }, `v${d.version}`)));
  render(h('div', { class: 'page-head' }, h('h1', {}, '发起流程')),
    h('p', { class: 'muted' }, '以下流程带有发起表单，填写后即发起一个新的流程实例。'),
    table(['流程', '标识', '版本'], rows, { empty: '没有带发起表单的流程。' }));
}

// What a start form lists that is configuration, not form content: a select with "valuesKey": "stationOptions"
// lists the configured stations (civicflow.stations, GET /api/stations). form-js submits only the fields' own
// keys, so these options are never sent as variables.
async function startData(formResult) {
  const schema = typeof formResult?.schema === 'string' ? formResult.schema : JSON.stringify(formResult?.schema ?? {});
  if (!schema.includes('"stationOptions"')) return {};
  try {
    return { stationOptions: await appGet('/api/stations') };
  } catch (e) {
    flash(`无法读取社工站列表：${describe(e)}`, 'error');
    return { stationOptions: [] };
  }
}

export async function showStartForm(key) {
  const render = renderer();
  const [definition, formResult] = await Promise.all([
    get(`/process-definitions/${key}`),
    get(`/process-definitions/${key}/form`),
  ]);
  const title = definition.name || definition.processDefinitionId;
  const formBox = h('div', { class: 'form-box', 'data-testid': 'start-form' });
  const start = h('button', { class: 'primary' }, '发起');
  render(h('a', { href: '#/start', class: 'back' }, '← 返回流程列表'),
    h('div', { class: 'page-head' }, h('h1', {}, `发起：${title}`)),
    h('section', { class: 'card main' }, formBox, h('div', { class: 'tools end' }, start)));
  const submit = await mountForm(formBox, formResult, await startData(formResult), { upload: { uploadedBy: currentUser()?.username } });
  start.addEventListener('click', async () => {
    start.disabled = true;
    let variables;
    try {
      variables = await submit();
    } catch (e) {
      start.disabled = false;
      flash(`文件上传失败：${describe(e)}`, 'error');
      return;
    }
    if (!variables) {
      start.disabled = false;
      return;
    }
    try {
      // who filed it, so an intake model can tell the filer what became of it (inbox and mail)
      const filed = { ...variables, startedBy: currentUser()?.username };
      const created = await post('/process-instances', { processDefinitionKey: definition.processDefinitionKey, variables: filed });
      flash(`已发起「${title}」，实例编号 ${created.processInstanceKey}。`, 'success', { instanceKey: created.processInstanceKey });
      location.hash = '#/tasks';
    } catch (e) {
      start.disabled = false;
      flash(`发起失败：${describe(e)}`, 'error');
    }
  });
}
