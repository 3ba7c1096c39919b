import type { FieldType } from './field-types.js';
import type { AttributeCategory, PluginAttribute } from './types.js';

function attr(
  category: AttributeCategory,
  order: number,
  systemName: string,
  displayName: string,
  fieldType: FieldType[] = [],
  extra: { hidden?: boolean; hyperlink?: string } = {},
): PluginAttribute {
  return { displayName, systemName, showOnExtensionWindow: !extra.hidden, order, fieldType, hyperlink: extra.hyperlink ?? null, category };
}

const hidden = { hidden: true };

/**
 * The built-in Plugin Attributes, used for a category a UCC publishes no items for. They target the standard
 * GetConnectors `Profit_Contacts` (contacts) and `ProfitSubjectsAuthorized` (dossier items). The InSite page
 * paths are the common ones; sites differ, so a UCC publishes its own Hyperlink when they do not fit.
 */
export const defaultAttributes: PluginAttribute[] = [
  attr('Contact', 1, 'ContactId', 'Contactnummer', ['Id', 'Search'], hidden),
  attr('Contact', 2, 'FullName', 'Naam', ['Name', 'Search'], { hyperlink: '[Insite]contactpersoon-prs?CdId=[ContactId]' }),
  attr('Contact', 3, 'Name', 'Organisatie', ['Name', 'Organisation', 'Search'], {
    hyperlink: '[Insite]verkooprelatie-prs?BcCo=[OrgNumber]',
  }),
  attr('Contact', 4, 'Function', 'Functie'),
  attr('Contact', 5, 'TelWork', 'Telefoon werk', ['PhoneNumber']),
  attr('Contact', 6, 'MobWork', 'Mobiel werk', ['PhoneNumber']),
  attr('Contact', 7, 'TelPrivate', 'Telefoon privé', ['PhoneNumber']),
  attr('Contact', 8, 'MobPrivate', 'Mobiel privé', ['PhoneNumber']),
  attr('Contact', 9, 'MailWork', 'E-mail werk', ['Email', 'Search']),
  attr('Contact', 10, 'MailPrivate', 'E-mail privé', ['Email', 'Search']),
  attr('Contact', 11, 'AddressLine1', 'Adres'),
  attr('Contact', 12, 'AddressLine3', 'Adres', ['Search']),
  attr('Contact', 13, 'Blocked', 'Geblokkeerd', ['Blocked'], hidden),
  attr('Contact', 14, 'OrgNumber', 'Nummer organisatie', ['CaseKey', 'Search'], hidden),
  attr('Contact', 15, 'PerNumber', 'Nummer persoon', ['CaseKey', 'Search'], hidden),
  attr('Contact', 16, 'ModifiedDate', 'Gewijzigd', ['Modified'], hidden),
  attr('Case', 1, 'SbId', 'Dossieritem', ['Id'], hidden),
  attr('Case', 2, 'Ds', 'Onderwerp', ['Subject'], { hyperlink: '[Insite]dossieritem-prs?SbId=[SbId]' }),
  attr('Case', 3, 'Stat', 'Status', ['Status']),
  attr('Case', 4, 'DaSe', 'Datum', ['Date']),
  attr('Case', 5, 'SbTy', 'Type'),
  attr('Case', 6, 'BcCd', 'Organisatie/persoon', ['ContactKey'], hidden),
];

const cell = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
const code = (text: string): string => (text === '' ? '' : `\`${text}\``);

/** The default attributes as a Markdown table for the README. */
export function renderDefaultAttributeTable(): string {
  const header = ['Category', 'DisplayName', 'SystemName', 'Shown', 'Order', 'FieldType', 'Hyperlink'];
  const rows = defaultAttributes.map((a) => [
    a.category,
    a.displayName,
    code(a.systemName),
    a.showOnExtensionWindow ? 'Yes' : 'No',
    String(a.order),
    a.fieldType.join(';#'),
    code(a.hyperlink ?? ''),
  ]);
  return [header, header.map(() => '---'), ...rows].map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n') + '\n';
}
