// The modeller in Chinese: replaces bpmn-js's `translate` service (diagram-js i18n) so the palette, the context
// pad, the change-element menu and the properties panel's groups and entries speak Chinese. The dictionary,
// modeller-zh.json, is ours (English text as the libraries pass it → Chinese); a string it lacks stays English.
// ModellerDictionaryTest checks it covers the palette, the context pad and the panel's labels for our elements.
import zh from './modeller-zh.json';

export function translate(template, replacements = {}) {
  // the task listeners' label passes its event (Creating, Completing …) untranslated as a replacement
  if (template === '{eventType}: {type}') replacements = { ...replacements, eventType: translate(replacements.eventType ?? '') };
  const text = Object.hasOwn(zh, template) ? zh[template] : template;
  return text.replace(/{([^}]+)}/g, (_, key) => replacements[key] ?? `{${key}}`);
}

export default { translate: ['value', translate] };
