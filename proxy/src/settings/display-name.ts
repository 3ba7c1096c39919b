import { labelLanguages, type LabelLanguage, type LabelsDto } from '../contract.js';
import type { PluginAttribute } from './types.js';

/** An attribute's label as the API shows it: the default, and its variants by language when the DisplayName has any. */
export interface DisplayLabel {
  label: string;
  labels?: LabelsDto;
}

/** `| en: Private mobile`, `| fr-BE: …`: a language tag (its primary subtag is what counts), a colon, the label. */
const VARIANT = /^\s*([A-Za-z]{2})(?:-[A-Za-z0-9]{1,8})*\s*:(.*)$/s;

const isLabelLanguage = (code: string): code is LabelLanguage => (labelLanguages as readonly string[]).includes(code);

/**
 * Reads `Mobiel privé | en: Private mobile | fr: Mobile privé`: the first segment is the default label, each
 * `| <lang>: <label>` segment a variant. A DisplayName that names none of nl, en, fr is the label exactly as written,
 * so a single-language list with a literal `|` (`Tel | nr: 1`) reads as before. Once it names one, a `|` that starts
 * no `xx:` stays part of the label before it, and a variant in another language is left out (`ignored` names it).
 */
export function readDisplayName(displayName: string): DisplayLabel & { ignored: string[] } {
  const segments = displayName.split('|');
  const languageOf = (segment: string) => VARIANT.exec(segment)?.[1]?.toLowerCase();
  if (!segments.slice(1).some((s) => isLabelLanguage(languageOf(s) ?? ''))) return { label: displayName, ignored: [] };
  const parts: { language?: string; text: string }[] = [{ text: segments[0] ?? '' }];
  for (const segment of segments.slice(1)) {
    const variant = VARIANT.exec(segment);
    const current = parts.at(-1);
    if (variant?.[1] !== undefined) parts.push({ language: variant[1].toLowerCase(), text: variant[2] ?? '' });
    else if (current) current.text += `|${segment}`;
  }
  const labels: LabelsDto = {};
  const ignored: string[] = [];
  for (const { language, text } of parts.slice(1)) {
    const label = text.trim();
    if (language === undefined || label === '') continue;
    if (!isLabelLanguage(language)) ignored.push(language);
    // The first variant of a language counts.
    else labels[language] ??= label;
  }
  const label = parts[0]?.text.trim() || Object.values(labels)[0] || '';
  return { label, labels, ignored };
}

const read = new WeakMap<PluginAttribute, DisplayLabel>();

/** The attribute's label for the API, read once per attribute object (the settings keep them for their lifetime). */
export function labelOf(a: PluginAttribute): DisplayLabel {
  let label = read.get(a);
  if (label === undefined) {
    const { label: text, labels } = readDisplayName(a.displayName);
    label = labels && Object.keys(labels).length > 0 ? { label: text, labels } : { label: text };
    read.set(a, label);
  }
  return label;
}
