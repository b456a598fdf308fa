// 迁移: move the running instances of one process version to another. The mapping is proposed by element id and
// type (what Operate does), editable; the dry-run (CivicFlow's POST /v2/process-instances/{key}/migration/dry-run)
// lists per instance what the migration would refuse; then one instance (POST …/{key}/migration) or all running
// instances of the version as a Camunda batch (POST /v2/process-instances/migration, progress from
// GET /v2/batch-operations/{key}).
import { describe, get, post, search, searchAll } from './api.js';
import { badge, flash, h, renderer, table } from './dom.js';

/** Elements a mapping can name: the flow nodes of a BPMN XML, in document order, with their type (tag). */
export function flowNodes(xml) {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const nodes = [];
  const skip = new Set(['sequenceFlow', 'process', 'definitions', 'laneSet', 'lane', 'association', 'textAnnotation',
    'dataObject', 'dataObjectReference', 'dataStoreReference', 'group']);
  for (const process of doc.getElementsByTagNameNS('http://www.omg.org/spec/BPMN/20100524/MODEL', 'process')) {
    for (const el of process.getElementsByTagNameNS('http://www.omg.org/spec/BPMN/20100524/MODEL', '*')) {
      const id = el.getAttribute('id');
      if (!id || skip.has(el.localName) || !isFlowNode(el.localName)) continue;
      nodes.push({ id, name: el.getAttribute('name') || '', type: el.localName });
    }
  }
  return nodes;
}

function isFlowNode(type) {
  return /(Task|Event|Gateway|subProcess|SubProcess|callActivity|transaction)$/.test(type) || type === 'task';
}

/** The mapping proposed for source → target: every source element to the target element of the same id and type. */
export function autoMapping(sourceNodes, targetNodes) {
  const target = new Map(targetNodes.map((n) => [n.id, n]));
  const mapping = new Map();
  for (const node of sourceNodes) {
    if (target.get(node.id)?.type === node.type) mapping.set(node.id, node.id);
  }
  return mapping;
}

export function mappingInstructions(mapping) {
  return [...mapping].filter(([, t]) => t).map(([sourceElementId, targetElementId]) => ({ sourceElementId, targetElementId }));
}

const TYPE_NAMES = {
  userTask: '用户任务', serviceTask: '服务任务', sendTask: '发送任务', receiveTask: '接收任务', scriptTask: '脚本任务',
  businessRuleTask: '规则任务', manualTask: '人工任务', task: '任务', callActivity: '调用活动', subProcess: '子流程',
  adHocSubProcess: '临时子流程', startEvent: '开始事件', endEvent: '结束事件', intermediateCatchEvent: '中间捕获事件',
  intermediateThrowEvent: '中间抛出事件', boundaryEvent: '边界事件', exclusiveGateway: '排他网关', parallelGateway: '并行网关',
  inclusiveGateway: '包容网关', eventBasedGateway: '事件网关',
};
const typeName = (type) => TYPE_NAMES[type] ?? type;
const label = (node) => (node.name ? `${node.name}（${node.id}）` : node.id);

/** #/processes/definitions/{key}/migrate: the running instances of definition key, to another version. */
export async function showMigration(sourceKey, { targetKey } = {}) {
  const render = renderer();
  const source = await get(`/process-definitions/${sourceKey}`);
  const versions = (await searchAll('process-definitions', {
    filter: { processDefinitionId: source.processDefinitionId }, sort: [{ field: 'version', order: 'DESC' }],
  })).filter((d) => String(d.processDefinitionKey) !== String(sourceKey));
  const instances = await searchAll('process-instances', {
    filter: { processDefinitionKey: sourceKey, state: 'ACTIVE' }, sort: [{ field: 'startDate', order: 'ASC' }],
  });
  const title = h('div', { class: 'page-head' }, h('h1', {}, `迁移：${source.name || source.processDefinitionId} v${source.version}`));
  const back = h('a', { href: '#/processes/definitions', class: 'back' }, '← 返回流程定义');
  if (!versions.length) {
    render(back, title, h('p', { class: 'muted' }, '该流程只有这一个版本，没有可迁移到的目标版本。请先部署新版本（可在流程建模中修改后部署）。'));
    return;
  }
  const target = versions.find((d) => String(d.processDefinitionKey) === String(targetKey)) ?? versions[0];
  const [sourceXml, targetXml] = await Promise.all([
    get(`/process-definitions/${sourceKey}/xml`, { accept: 'text/xml' }),
    get(`/process-definitions/${target.processDefinitionKey}/xml`, { accept: 'text/xml' }),
  ]);
  const sourceNodes = flowNodes(sourceXml);
  const targetNodes = flowNodes(targetXml);
  const mapping = autoMapping(sourceNodes, targetNodes);

  const targetSelect = h('select', { name: 'target', 'data-testid': 'migration-target', onchange: () => {
    showMigration(sourceKey, { targetKey: targetSelect.value }).catch((e) => flash(describe(e), 'error'));
  } }, versions.map((d) => h('option', { value: d.processDefinitionKey, selected: d === target },
    `v${d.version}${d.processDefinitionKey === versions[0].processDefinitionKey ? '（最新）' : ''}`)));

  const mappingRows = sourceNodes.map((node) => {
    const candidates = targetNodes.filter((t) => t.type === node.type);
    const select = h('select', { 'data-source': node.id, onchange: () => {
      if (select.value) mapping.set(node.id, select.value);
      else mapping.delete(node.id);
    } }, h('option', { value: '' }, '（不映射）'),
    candidates.map((t) => h('option', { value: t.id, selected: mapping.get(node.id) === t.id }, label(t))));
    return h('tr', { 'data-element-id': node.id }, h('td', {}, label(node)), h('td', {}, typeName(node.type)), h('td', {}, select));
  });

  const verdicts = new Map();
  const results = h('div', { 'data-testid': 'migration-results' });
  const progress = h('div', { 'data-testid': 'migration-progress' });
  const plan = () => ({ targetProcessDefinitionKey: target.processDefinitionKey, mappingInstructions: mappingInstructions(mapping) });

  const showResults = () => {
    results.replaceChildren(table(['实例编号', '试迁移结果', ''], instances.map((i) => {
      const verdict = verdicts.get(String(i.processInstanceKey));
      return h('tr', { 'data-instance-key': i.processInstanceKey, 'data-migratable': verdict ? String(verdict.migratable) : '' },
        h('td', {}, h('a', { href: `#/processes/instances/${i.processInstanceKey}` }, i.processInstanceKey)),
        h('td', { class: 'message' }, !verdict ? '—' : verdict.migratable ? badge('可以迁移', 'success')
          : [badge('不能迁移', 'danger'), ' ', verdict.detail]),
        h('td', {}, h('button', { onclick: () => migrateOne(i.processInstanceKey) }, '迁移此实例')));
    }), { empty: '该版本没有运行中的实例。', testid: 'migration-instances' }));
  };

  const dryRun = async () => {
    const body = plan();
    let refused = 0;
    for (const i of instances) {
      const verdict = await post(`/process-instances/${i.processInstanceKey}/migration/dry-run`, body);
      verdicts.set(String(i.processInstanceKey), verdict);
      if (!verdict.migratable) refused++;
    }
    showResults();
    flash(refused ? `试迁移：${instances.length} 个实例中有 ${refused} 个不能迁移，原因见下表。` : `试迁移：${instances.length} 个实例都可以迁移。`,
      refused ? 'error' : 'success');
  };

  const migrateOne = async (key) => {
    try {
      await post(`/process-instances/${key}/migration`, plan());
      flash(`实例 ${key} 已迁移到 v${target.version}。`, 'success');
      await showMigration(sourceKey, { targetKey: target.processDefinitionKey });
    } catch (e) {
      flash(`迁移失败：${describe(e)}`, 'error');
    }
  };

  const migrateAll = async () => {
    if (!window.confirm(`确定把 v${source.version} 的全部运行中实例（${instances.length} 个）迁移到 v${target.version}？`)) return;
    try {
      const batch = await post('/process-instances/migration', {
        filter: { processDefinitionKey: String(sourceKey), state: 'ACTIVE' },
        migrationPlan: plan(),
      });
      await followBatch(batch.batchOperationKey, progress);
    } catch (e) {
      flash(`批量迁移失败：${describe(e)}`, 'error');
    }
  };

  showResults();
  render(back, title,
    h('section', { class: 'card' },
      h('label', {}, '目标版本 ', targetSelect),
      h('p', { class: 'muted' }, `运行中实例 ${instances.length} 个。环节按标识和类型自动对应，可逐项修改；`
        + '有实例停留的环节必须有对应环节，否则该实例不能迁移。'),
      h('div', { class: 'tools' },
        h('button', { onclick: () => dryRun().catch((e) => flash(`试迁移失败：${describe(e)}`, 'error')), 'data-testid': 'migration-dry-run' }, '试迁移（不改变实例）'),
        h('button', { class: 'primary', onclick: migrateAll, disabled: !instances.length, 'data-testid': 'migration-batch' }, '批量迁移全部运行中实例')),
      progress),
    h('section', { class: 'card' }, h('h2', {}, '运行中实例'), results),
    h('section', { class: 'card' }, h('h2', {}, `环节对应（v${source.version} → v${target.version}）`),
      table(['源环节', '类型', '目标环节'], mappingRows, { testid: 'migration-mapping' })));
}

const BATCH_STATES = { CREATED: '已创建', ACTIVE: '进行中', COMPLETED: '已完成', PARTIALLY_COMPLETED: '部分完成', FAILED: '失败',
  CANCELED: '已取消', SUSPENDED: '已暂停' };

/** Polls a batch operation until it ends, showing its progress; then lists the items that failed. */
export async function followBatch(batchOperationKey, box) {
  for (;;) {
    const batch = await get(`/batch-operations/${batchOperationKey}`);
    const done = (batch.operationsCompletedCount ?? 0) + (batch.operationsFailedCount ?? 0);
    box.replaceChildren(h('p', { 'data-testid': 'batch-state', 'data-state': batch.state },
      `批量操作 ${batchOperationKey}：${BATCH_STATES[batch.state] ?? batch.state}，已处理 ${done} / ${batch.operationsTotalCount ?? '?'}`
      + (batch.operationsFailedCount ? `，失败 ${batch.operationsFailedCount}` : ''),
      h('progress', { max: batch.operationsTotalCount || 1, value: done })));
    if (!['CREATED', 'ACTIVE'].includes(batch.state)) {
      if (batch.operationsFailedCount) {
        const failed = await search('batch-operation-items', { filter: { batchOperationKey: String(batchOperationKey), state: 'FAILED' } });
        box.append(table(['实例编号', '原因'], failed.items.map((item) => h('tr', {},
          h('td', {}, h('a', { href: `#/processes/instances/${item.processInstanceKey}` }, item.processInstanceKey)),
          h('td', { class: 'message' }, item.errorMessage)))));
      }
      flash(`批量操作已结束：${BATCH_STATES[batch.state] ?? batch.state}。`, batch.operationsFailedCount ? 'error' : 'success');
      return batch;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
