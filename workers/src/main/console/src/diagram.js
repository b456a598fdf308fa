// bpmn-js (NavigatedViewer: read-only, pan and zoom) drawing a process definition's XML, with Operate-like marks.
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { get } from './api.js';
import { h } from './dom.js';

/** Draws the definition into container; returns the viewer, or null (with a message) when there is no diagram. */
export async function drawDiagram(container, processDefinitionKey) {
  const xml = await get(`/process-definitions/${processDefinitionKey}/xml`, { accept: 'text/xml' });
  if (!xml) {
    container.replaceChildren(h('p', { class: 'muted' }, '该流程定义没有 XML。'));
    return null;
  }
  const viewer = new NavigatedViewer({ container });
  try {
    const { warnings } = await viewer.importXML(xml);
    if (warnings.length) console.warn('bpmn-js import warnings', warnings);
  } catch (e) {
    container.replaceChildren(h('p', { class: 'error' }, `流程图无法显示：${e.message}`));
    return null;
  }
  const canvas = viewer.get('canvas');
  if (!viewer.get('elementRegistry').filter((e) => e.type !== 'bpmn:Process' && e.type !== 'label').length) {
    container.append(h('p', { class: 'muted overlay-note' }, '模型没有图形信息（BPMN DI），请用 tools/bpmn-layout 补齐。'));
  }
  canvas.zoom('fit-viewport', 'auto');
  return viewer;
}

/**
 * Marks elements from the element-instance search: active (blue), completed (green), incident (red), terminated
 * (grey); taken sequence flows green; a badge with the number of active instances (and incidents) per element.
 */
export function markInstance(viewer, elementInstances, incidents, takenFlows = []) {
  const registry = viewer.get('elementRegistry');
  const canvas = viewer.get('canvas');
  const overlays = viewer.get('overlays');
  const byElement = new Map();
  for (const instance of elementInstances) {
    if (instance.type === 'PROCESS' || !registry.get(instance.elementId)) continue;
    const entry = byElement.get(instance.elementId) ?? { active: 0, completed: 0, terminated: 0, incident: 0 };
    entry[instance.state === 'ACTIVE' ? 'active' : instance.state === 'COMPLETED' ? 'completed' : 'terminated']++;
    byElement.set(instance.elementId, entry);
  }
  for (const incident of incidents) {
    if (incident.state !== 'ACTIVE' || !registry.get(incident.elementId)) continue;
    const entry = byElement.get(incident.elementId) ?? { active: 0, completed: 0, terminated: 0, incident: 0 };
    entry.incident++;
    byElement.set(incident.elementId, entry);
  }
  for (const [elementId, entry] of byElement) {
    const marker = entry.incident ? 'cf-incident' : entry.active ? 'cf-active' : entry.completed ? 'cf-completed' : 'cf-terminated';
    canvas.addMarker(elementId, marker);
    if (entry.active || entry.incident) {
      overlays.add(elementId, {
        position: { bottom: 10, left: -10 },
        html: `<span class="cf-count ${entry.incident ? 'incident' : ''}" title="${entry.incident ? '故障' : '进行中'}">${entry.incident || entry.active}</span>`,
      });
    }
  }
  for (const flow of takenFlows) {
    if (registry.get(flow.elementId)) canvas.addMarker(flow.elementId, 'cf-taken');
  }
  return byElement;
}
