import { defaultAttributes } from './default-attributes.js';
import { canonicalFieldType, type FieldType } from './field-types.js';
import type { AttributeCategory, PluginAttribute } from './types.js';

const baseOf: Record<AttributeCategory, AttributeCategory> = {
  Contact: 'Contact',
  ContactSearch: 'Contact',
  Case: 'Case',
  CaseSearch: 'Case',
};

const byOrder = (a: PluginAttribute, b: PluginAttribute): number => a.order - b.order;

/**
 * The attributes of one category, sorted by Order (ties keep the published order). A Search category without
 * items falls back to its base category (ContactSearch -> Contact, CaseSearch -> Case).
 */
export function attributesFor(attrs: readonly PluginAttribute[], category: AttributeCategory): PluginAttribute[] {
  const own = attrs.filter((a) => a.category === category);
  if (own.length === 0 && baseOf[category] !== category) return attributesFor(attrs, baseOf[category]);
  return own.sort(byOrder);
}

/**
 * Whether an attribute carries a FieldType. Known FieldTypes are spelled canonically by then: publications are read
 * through splitFieldTypes and lookups see the attributes through effectiveAttributes.
 */
export const hasFieldType = (a: PluginAttribute, type: FieldType): boolean => a.fieldType.includes(type);

/** The attributes carrying a FieldType, in the given order: the one way to ask which attribute is the Id, the Name, ... */
export function attributesOfType(attrs: readonly PluginAttribute[], type: FieldType): PluginAttribute[] {
  return attrs.filter((a) => hasFieldType(a, type));
}

const copy = (a: PluginAttribute): PluginAttribute => ({ ...a, fieldType: a.fieldType.map(canonicalFieldType) });

/**
 * What lookups use for a UCC's published attributes. The list only needs to deviate from the built-in
 * defaults: when it has no Contact items the default Contact items are used, and the same for Case (the
 * Search categories then fall back through {@link attributesFor}). An empty list means all defaults.
 */
export function effectiveAttributes(published: readonly PluginAttribute[]): PluginAttribute[] {
  const has = (base: AttributeCategory) => published.some((a) => a.category === base);
  const fill = defaultAttributes.filter((d) => baseOf[d.category] === d.category && !has(d.category));
  return [...published, ...fill].map(copy);
}

function attributeKey(a: PluginAttribute): string {
  return JSON.stringify([
    a.displayName,
    a.systemName,
    a.showOnExtensionWindow,
    a.order,
    a.fieldType.map((t) => t.toLowerCase()).sort(),
    a.hyperlink,
    a.category,
  ]);
}

/** In display order: by category, then Order, ties in list order (as lookups see them). */
function displayOrder(attrs: readonly PluginAttribute[]): string[] {
  const categories = [...new Set(attrs.map((a) => a.category))].sort();
  return categories.flatMap((c) =>
    attrs
      .filter((a) => a.category === c)
      .sort(byOrder)
      .map(attributeKey),
  );
}

/** True when both lists show the same thing; FieldType spelling and order, and item order between Order values, aside. */
export function sameAttributes(a: readonly PluginAttribute[], b: readonly PluginAttribute[]): boolean {
  const left = displayOrder(a);
  const right = displayOrder(b);
  return left.length === right.length && left.every((k, i) => k === right[i]);
}
