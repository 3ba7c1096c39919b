import type { AttributeCategory } from './types.js';

/** FieldType vocabulary of the Plugin Attributes list, per base category: adding a type is one entry here. */
export const contactFieldTypes = ['Id', 'PhoneNumber', 'Email', 'Name', 'Organisation', 'Blocked', 'CaseKey'] as const;
export const caseFieldTypes = ['Id', 'ContactKey', 'Subject', 'Status', 'Completed', 'Date'] as const;

const byCategory: Record<AttributeCategory, readonly string[]> = {
  Contact: contactFieldTypes,
  ContactSearch: contactFieldTypes,
  Case: caseFieldTypes,
  CaseSearch: caseFieldTypes,
};

/** The FieldTypes that mean something in a category. */
export const fieldTypesOf = (category: AttributeCategory): readonly string[] => byCategory[category];

const known = new Map<string, string>([...contactFieldTypes, ...caseFieldTypes].map((t) => [t.toLowerCase(), t]));

/** Known types get their canonical spelling (`phonenumber` -> `PhoneNumber`); unknown ones (e.g. `Search`) are kept as written. */
export function canonicalFieldType(type: string): string {
  return known.get(type.toLowerCase()) ?? type;
}

/** Splits a SharePoint multi-choice value (`PhoneNumber;#Search`, also `;#A;#B;#`) or takes an array; de-duplicated. */
export function splitFieldTypes(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const part of values.flatMap((v) => v.split(';#'))) {
    const type = canonicalFieldType(part.trim());
    if (type !== '' && !out.some((t) => t.toLowerCase() === type.toLowerCase())) out.push(type);
  }
  return out;
}
