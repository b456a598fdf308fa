// 修改: move a token of one running instance — terminate element instances, activate an element (with variables) —
// through Camunda's POST /v2/process-instances/{key}/modification.
import { describe, parseValue, post } from './api.js';
import { flash, h } from './dom.js';
import { flowNodes } from './migrate.js';

// elements Camunda does not activate by modification (docs.camunda.io, "Process instance modification")
const NOT_ACTIVATABLE = new Set(['startEvent', 'boundaryEvent']);

/** The variables typed as rows of name and value (JSON, or plain text for a string); throws on an empty name. */
export function variablesOf(rows) {
  const variables = {};
  for (const { name, value } of rows) {
    if (!name.trim() && !value.trim()) continue;
    if (!name.trim()) throw new Error('变量名不能为空');
    variables[name.trim()] = parseValue(value.trim());
  }
  return variables;
}

/** The 修改 card of an instance page: elements is the instance's element-instance search, xml its definition's. */
export function modificationCard(instance, elements, xml, onDone) {
  const active = elements.filter((e) => e.state === 'ACTIVE' && e.type !== 'PROCESS');
  const terminate = active.map((e) => h('input', { type: 'checkbox', value: e.elementInstanceKey, 'data-element-id': e.elementId }));
  const target = h('select', { 'data-testid': 'modify-activate' }, h('option', { value: '' }, '（不激活）'),
    flowNodes(xml).filter((n) => !NOT_ACTIVATABLE.has(n.type))
      .map((n) => h('option', { value: n.id }, n.name ? `${n.name}（${n.id}）` : n.id)));
  const rows = h('tbody', {});
  const addRow = () => rows.append(h('tr', {},
    h('td', {}, h('input', { name: 'variable-name', placeholder: '变量名' })),
    h('td', {}, h('input', { name: 'variable-value', placeholder: '值，如 42、"文本"、{"a":1}' }))));
  addRow();
  const submit = async () => {
    const terminateInstructions = terminate.filter((c) => c.checked).map((c) => ({ elementInstanceKey: c.value }));
    let variables;
    try {
      variables = variablesOf([...rows.querySelectorAll('tr')].map((tr) => ({
        name: tr.querySelector('[name=variable-name]').value, value: tr.querySelector('[name=variable-value]').value })));
    } catch (e) {
      flash(e.message, 'error');
      return;
    }
    const activateInstructions = target.value ? [{ elementId: target.value,
      variableInstructions: Object.keys(variables).length ? [{ variables }] : [] }] : [];
    if (!activateInstructions.length && !terminateInstructions.length) {
      flash('请选择要终止的环节或要激活的环节。', 'error');
      return;
    }
    if (!window.confirm(`确定修改实例 ${instance.processInstanceKey}？`)) return;
    try {
      await post(`/process-instances/${instance.processInstanceKey}/modification`, { activateInstructions, terminateInstructions });
      flash('实例已修改。', 'success');
      await onDone();
    } catch (e) {
      flash(`修改失败：${describe(e)}`, 'error');
    }
  };
  return h('section', { class: 'card', 'data-testid': 'modification' }, h('h2', {}, '修改（移动令牌）'),
    h('p', { class: 'muted' }, '先激活所选环节（可带变量，写入流程作用域），再终止勾选的环节；作用域内不再有进行中的环节时，作用域随之结束。'),
    h('h3', {}, '终止'),
    active.length ? h('ul', { class: 'plain' }, active.map((e, i) => h('li', {}, h('label', { class: 'check' }, terminate[i],
      `${e.elementName || e.elementId}（${e.elementInstanceKey}）`)))) : h('p', { class: 'muted' }, '没有进行中的环节。'),
    h('h3', {}, '激活'),
    h('label', {}, '环节 ', target),
    h('table', { class: 'grid' }, h('thead', {}, h('tr', {}, h('th', {}, '变量名'), h('th', {}, '值'))), rows),
    h('div', { class: 'tools' }, h('button', { onclick: addRow }, '添加变量'),
      h('button', { class: 'primary', onclick: submit, 'data-testid': 'modify-submit' }, '执行修改')));
}
