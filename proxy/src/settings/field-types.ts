import type { AttributeCategory } from './types.js';

/**
 * The FieldType vocabulary of the Plugin Attributes list, per base category. Adding a type is adding its name to
 * one of these lists: publications then spell it canonically and without a warning, and lookups can ask for it
 * through attributesOfType (settings/attributes.ts).
 */
export const contactFieldTypes = [
  'Id',
  'PhoneNumber',
  'Email',
  'Name',
  'Organisation',
  'Blocked',
  'CaseKey',
  'Modified',
  'Search',
] as const;
export const caseFieldTypes = ['Id', 'ContactKey', 'Subject', 'Status', 'Completed', 'Date'] as const;

export type ContactFieldType = (typeof contactFieldTypes)[number];
export type CaseFieldType = (typeof caseFieldTypes)[number];
/** A FieldType this service knows. */
export type FieldType = ContactFieldType | CaseFieldType;

/**
 * A FieldType as published: a known one in its canonical spelling, or any other text kept as written (stored, shown
 * and compared between UCCs, but meaningless to lookups until it joins the vocabulary).
 */
export type PublishedFieldType = FieldType | (string & Record<never, never>);

const byCategory: Record<AttributeCategory, readonly FieldType[]> = {
  Contact: contactFieldTypes,
  ContactSearch: contactFieldTypes,
  Case: caseFieldTypes,
  CaseSearch: caseFieldTypes,
};

/** The FieldTypes that mean something in a category. */
export const fieldTypesOf = (category: AttributeCategory): readonly FieldType[] => byCategory[category];

const known = new Map<string, FieldType>([...contactFieldTypes, ...caseFieldTypes].map((t) => [t.toLowerCase(), t]));

/** Known types get their canonical spelling (`phonenumber` -> `PhoneNumber`); unknown ones (e.g. `Search`) are kept as written. */
export function canonicalFieldType(type: string): PublishedFieldType {
  return known.get(type.toLowerCase()) ?? type;
}

/** Splits a SharePoint multi-choice value (`PhoneNumber;#Search`, also `;#A;#B;#`) or takes an array; de-duplicated. */
export function splitFieldTypes(values: readonly string[]): PublishedFieldType[] {
  const out: PublishedFieldType[] = [];
  for (const part of values.flatMap((v) => v.split(';#'))) {
    const type = canonicalFieldType(part.trim());
    if (type !== '' && !out.some((t) => t.toLowerCase() === type.toLowerCase())) out.push(type);
  }
  return out;
}
