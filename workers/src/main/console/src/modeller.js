// 流程建模: bpmn-js's Modeler with the properties panel for Camunda 8 (Zeebe) properties, loaded on first use (main.js
// imports this module dynamically; build.mjs splits it into its own chunk and modeller.css). Opens a deployed
// process or a local file; 校验 asks the engine's deployment dry-run (POST /v2/deployments/dry-run) and selects the
// element it names; 部署为新版本 deploys through POST /v2/deployments; shows what changed against the version it
// started from; downloads the edited XML (processes/ in the repository stays the source of releases); and links to
// 迁移 for the running instances of the older versions.
import Modeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  ZeebePropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import ZeebeBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { describe, get, postResources, search, searchAll } from './api.js';
import { badge, flash, h, renderer } from './dom.js';
import { compareModels } from './model-diff.js';
import TranslateModule from './modeller-translate.js';

function ensureStyles() {
  if (document.getElementById('modeller-css')) return;
  document.head.append(h('link', { id: 'modeller-css', rel: 'stylesheet', href: 'modeller.css' }));
}

/** The id of the (first) executable process in an XML, or null. */
function processIdOf(xml) {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  return doc.getElementsByTagNameNS('http://www.omg.org/spec/BPMN/20100524/MODEL', 'process')[0]?.getAttribute('id') ?? null;
}

async function latestVersionOf(processDefinitionId) {
  const found = await search('process-definitions', {
    filter: { processDefinitionId, isLatestVersion: true }, page: { from: 0, limit: 1 },
  });
  return found.items[0] ?? null;
}

/** #/modeller and #/modeller/{processDefinitionKey}. */
export async function showModeller(processDefinitionKey) {
  ensureStyles();
  const render = renderer();
  const latest = await searchAll('process-definitions', { filter: { isLatestVersion: true }, sort: [{ field: 'processDefinitionId', order: 'ASC' }] });
  // base: the deployed version the edit started from (what 比较 compares with), or null for a new file
  let base = null;
  let fileName = 'process.bpmn';
  let xml = null;
  if (processDefinitionKey) {
    base = await get(`/process-definitions/${processDefinitionKey}`);
    base.xml = await get(`/process-definitions/${processDefinitionKey}/xml`, { accept: 'text/xml' });
    xml = base.xml;
    fileName = base.resourceName || `${base.processDefinitionId}.bpmn`;
  }

  const canvas = h('div', { class: 'canvas', 'data-testid': 'modeller-canvas' });
  const panel = h('div', { class: 'panel', 'data-testid': 'modeller-properties' });
  const output = h('section', { class: 'card', 'data-testid': 'modeller-output' });
  const picker = h('select', { 'data-testid': 'modeller-open-deployed' }, h('option', { value: '' }, '打开已部署的流程…'),
    latest.map((d) => h('option', { value: d.processDefinitionKey, selected: String(d.processDefinitionKey) === String(processDefinitionKey) },
      `${d.name || d.processDefinitionId} · v${d.version}`)));
  picker.addEventListener('change', () => { if (picker.value) location.hash = `#/modeller/${picker.value}`; });
  const file = h('input', { type: 'file', accept: '.bpmn,.xml', 'data-testid': 'modeller-open-file' });

  render(h('div', { class: 'page-head' }, h('h1', {}, '流程建模'),
    h('div', { class: 'tools' },
      picker,
      h('label', { class: 'button' }, '打开本地文件 ', file),
      h('button', { onclick: () => validate().catch(failed), 'data-testid': 'modeller-validate' }, '校验'),
      h('button', { onclick: () => showDiff().catch(failed), 'data-testid': 'modeller-diff' }, '与运行版本比较'),
      h('button', { onclick: () => download().catch(failed), 'data-testid': 'modeller-download' }, '下载 BPMN'),
      h('button', { class: 'primary', onclick: () => deploy().catch(failed), 'data-testid': 'modeller-deploy' }, '部署为新版本'))),
  h('p', { class: 'muted' }, base ? `正在编辑：${base.name || base.processDefinitionId} v${base.version}（${fileName}）。部署后成为新版本；`
    + '仓库中的 processes/ 仍是正式发布的依据，请下载修改后的文件提交。' : '打开一个已部署的流程或本地 BPMN 文件开始编辑。'),
  h('div', { class: 'modeller' }, canvas, panel), output);

  const modeler = new Modeler({
    container: canvas,
    propertiesPanel: { parent: panel },
    additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ZeebePropertiesProviderModule, ZeebeBehaviorsModule,
      TranslateModule],
    moddleExtensions: { zeebe: zeebeModdle },
  });
  const failed = (e) => flash(describe(e), 'error');

  const open = async (text) => {
    try {
      await modeler.importXML(text);
      modeler.get('canvas').zoom('fit-viewport', 'auto');
      canvas.dataset.loaded = 'true';
    } catch (e) {
      output.replaceChildren(h('p', { class: 'error' }, `无法打开该文件：${e.message}`));
    }
  };
  file.addEventListener('change', async () => {
    const chosen = file.files[0];
    if (!chosen) return;
    const text = await chosen.text();
    fileName = chosen.name;
    const id = processIdOf(text);
    const deployed = id ? await latestVersionOf(id) : null;
    base = deployed ? { ...deployed, xml: await get(`/process-definitions/${deployed.processDefinitionKey}/xml`, { accept: 'text/xml' }) } : null;
    await open(text);
    output.replaceChildren(h('p', {}, `已打开本地文件 ${fileName}`, deployed ? `；比较的基准是已部署的 v${deployed.version}。` : '；该流程尚未部署。'));
  });
  if (xml) await open(xml);

  const current = async () => (await modeler.saveXML({ format: true })).xml;

  const select = (elementId) => {
    const element = modeler.get('elementRegistry').get(elementId);
    if (!element) return;
    modeler.get('selection').select(element);
    modeler.get('canvas').scrollToElement(element);
  };

  /** The engine's deployment dry-run; shows its verdict; answers whether the model is deployable. */
  const validate = async () => {
    const verdict = await postResources('/deployments/dry-run', [[fileName, await current()]]);
    if (verdict.deployable) {
      output.replaceChildren(h('p', { 'data-testid': 'modeller-valid' }, badge('校验通过', 'success'), ' 引擎可以部署该模型。'));
      return true;
    }
    output.replaceChildren(h('h2', {}, '校验未通过：引擎会拒绝部署'),
      h('ul', { class: 'modeller-problems', 'data-testid': 'modeller-problems' }, verdict.problems.map((p) =>
        h('li', { 'data-element-id': p.elementId ?? '', onclick: () => p.elementId && select(p.elementId) },
          p.elementId ? h('code', {}, p.elementId) : null, p.message))));
    const first = verdict.problems.find((p) => p.elementId);
    if (first) select(first.elementId);
    return false;
  };

  const diffList = (title, nodes, kind) => (nodes.length
    ? [h('h3', { class: `diff-${kind}` }, `${title}（${nodes.length}）`),
      h('ul', { 'data-testid': `diff-${kind}` }, nodes.map((n) => h('li', { 'data-element-id': n.id, onclick: () => select(n.id) },
        n.name ? `${n.name}（${n.id}）` : n.id)))]
    : []);

  const diffView = (before, after, caption) => {
    const { added, removed, changed } = compareModels(before, after);
    return [h('h2', {}, caption),
      added.length + removed.length + changed.length ? null : h('p', { class: 'muted' }, '没有环节变化。'),
      ...diffList('新增环节', added, 'added'), ...diffList('删除环节', removed, 'removed'), ...diffList('修改环节', changed, 'changed')];
  };

  const showDiff = async () => {
    if (!base) {
      output.replaceChildren(h('p', { class: 'muted' }, '该流程尚未部署，没有可比较的运行版本。'));
      return;
    }
    output.replaceChildren(...diffView(base.xml, await current(), `与已部署的 v${base.version} 相比`));
  };

  const download = async () => {
    const url = URL.createObjectURL(new Blob([await current()], { type: 'application/xml' }));
    const link = h('a', { href: url, download: fileName });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };

  const deploy = async () => {
    if (!(await validate())) return;
    const edited = await current();
    // forms and called processes bound by deployment are looked up in the new version's own deployment, which
    // holds only this file: its new tasks and calls would not find them (Camunda's rule)
    if (/bindingType="deployment"/.test(edited) && !window.confirm('该模型有按部署绑定（bindingType="deployment"）的表单或被调用流程。'
      + '单独部署后，新版本在自己的部署中找不到它们，相关任务和调用会出现故障。'
      + '建议下载文件放入仓库的 processes/，随应用与表单一起部署，或把绑定改为 latest。仍要单独部署吗？')) return;
    const result = await postResources('/deployments', [[fileName, edited]]);
    const deployed = result.deployments.map((d) => d.processDefinition).find(Boolean);
    if (!deployed) return;
    const before = base;
    if (before && String(deployed.processDefinitionKey) === String(before.processDefinitionKey)) {
      flash('模型没有变化，仍是 v' + before.version + '。', 'info');
      return;
    }
    flash(`已部署为 ${deployed.processDefinitionId} v${deployed.processDefinitionVersion}。`, 'success',
      { processDefinitionKey: deployed.processDefinitionKey });
    base = { ...(await get(`/process-definitions/${deployed.processDefinitionKey}`)), xml: edited };
    // the older versions with running instances: each one's 迁移 (to the new version, the latest)
    const versions = (await searchAll('process-definitions', { filter: { processDefinitionId: deployed.processDefinitionId } }))
      .filter((d) => String(d.processDefinitionKey) !== String(deployed.processDefinitionKey));
    const running = [];
    for (const v of versions) {
      const active = await search('process-instances', { filter: { processDefinitionKey: v.processDefinitionKey, state: 'ACTIVE' }, page: { from: 0, limit: 1 } });
      const count = active.page?.totalItems ?? active.items.length;
      if (count) running.push(h('li', {}, h('a', { class: 'button', href: `#/processes/definitions/${v.processDefinitionKey}/migrate`, 'data-testid': `migrate-v${v.version}` },
        `迁移 v${v.version} 的 ${count} 个运行中实例到 v${deployed.processDefinitionVersion}`)));
    }
    output.replaceChildren(
      ...(before ? diffView(before.xml, edited, `v${deployed.processDefinitionVersion} 与 v${before.version} 相比`) : []),
      h('h2', {}, '运行中的实例'),
      running.length ? h('ul', { class: 'plain' }, running) : h('p', { class: 'muted' }, '旧版本没有运行中的实例。'));
  };
}
