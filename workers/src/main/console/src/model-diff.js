// What changed between two versions of a process: flow nodes added, removed, or changed (type, name, attributes,
// extension elements such as a job type, form or assignment, loop or event definition), compared by element id.
import { flowNodes } from './migrate.js';

const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

/** Each flow node's signature: its own XML without nested flow nodes, sequence flows and incoming/outgoing refs. */
function signatures(xml) {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const ids = new Set(flowNodes(xml).map((n) => n.id));
  const result = new Map();
  const serializer = new XMLSerializer();
  for (const el of doc.getElementsByTagNameNS(BPMN, '*')) {
    const id = el.getAttribute('id');
    if (!ids.has(id)) continue;
    const copy = el.cloneNode(true);
    for (const child of [...copy.children]) {
      const childId = child.getAttribute('id');
      if ((childId && (ids.has(childId) || child.localName === 'sequenceFlow')) || child.localName === 'incoming'
        || child.localName === 'outgoing' || child.localName === 'documentation') {
        child.remove();
      }
    }
    result.set(id, serializer.serializeToString(copy).replace(/\s+/g, ' ').replace(/> </g, '><'));
  }
  return result;
}

/** {added, removed, changed}: lists of {id, name, type} from before to after. */
export function compareModels(beforeXml, afterXml) {
  const before = new Map(flowNodes(beforeXml).map((n) => [n.id, n]));
  const after = new Map(flowNodes(afterXml).map((n) => [n.id, n]));
  const beforeSig = signatures(beforeXml);
  const afterSig = signatures(afterXml);
  const added = [...after.values()].filter((n) => !before.has(n.id));
  const removed = [...before.values()].filter((n) => !after.has(n.id));
  const changed = [...after.values()].filter((n) => before.has(n.id) && beforeSig.get(n.id) !== afterSig.get(n.id));
  return { added, removed, changed };
}
