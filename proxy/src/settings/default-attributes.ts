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
 * paths are the common ones; sites differ, so a UCC publishes its own Hyperlink when they do not fit. Labels are
 * Dutch, with English and French variants (settings/display-name.ts).
 */
export const defaultAttributes: PluginAttribute[] = [
  attr('Contact', 1, 'ContactId', 'Contactnummer | en: Contact number | fr: Numéro de contact', ['Id', 'Search'], hidden),
  attr('Contact', 2, 'FullName', 'Naam | en: Name | fr: Nom', ['Name', 'Search'], {
    hyperlink: '[Insite]contactpersoon-prs?CdId=[ContactId]',
  }),
  attr('Contact', 3, 'Name', 'Organisatie | en: Organisation | fr: Organisation', ['Name', 'Organisation', 'Search'], {
    hyperlink: '[Insite]verkooprelatie-prs?BcCo=[OrgNumber]',
  }),
  attr('Contact', 4, 'Function', 'Functie | en: Job title | fr: Fonction'),
  attr('Contact', 5, 'TelWork', 'Telefoon werk | en: Work phone | fr: Téléphone professionnel', ['PhoneNumber']),
  attr('Contact', 6, 'MobWork', 'Mobiel werk | en: Work mobile | fr: Mobile professionnel', ['PhoneNumber']),
  attr('Contact', 7, 'TelPrivate', 'Telefoon privé | en: Private phone | fr: Téléphone privé', ['PhoneNumber']),
  attr('Contact', 8, 'MobPrivate', 'Mobiel privé | en: Private mobile | fr: Mobile privé', ['PhoneNumber']),
  attr('Contact', 9, 'MailWork', 'E-mail werk | en: Work e-mail | fr: E-mail professionnel', ['Email', 'Search']),
  attr('Contact', 10, 'MailPrivate', 'E-mail privé | en: Private e-mail | fr: E-mail privé', ['Email', 'Search']),
  attr('Contact', 11, 'AddressLine1', 'Adres | en: Address | fr: Adresse'),
  attr('Contact', 12, 'AddressLine3', 'Adres | en: Address | fr: Adresse', ['Search']),
  attr('Contact', 13, 'Blocked', 'Geblokkeerd | en: Blocked | fr: Bloqué', ['Blocked'], hidden),
  attr(
    'Contact',
    14,
    'OrgNumber',
    'Nummer organisatie | en: Organisation number | fr: Numéro d’organisation',
    ['CaseKey', 'Search'],
    hidden,
  ),
  attr('Contact', 15, 'PerNumber', 'Nummer persoon | en: Person number | fr: Numéro de personne', ['CaseKey', 'Search'], hidden),
  attr('Contact', 16, 'ModifiedDate', 'Gewijzigd | en: Modified | fr: Modifié', ['Modified'], hidden),
  attr('Case', 1, 'SbId', 'Dossieritem | en: Dossier item | fr: Élément de dossier', ['Id'], hidden),
  attr('Case', 2, 'Ds', 'Onderwerp | en: Subject | fr: Objet', ['Subject'], { hyperlink: '[Insite]dossieritem-prs?SbId=[SbId]' }),
  attr('Case', 3, 'Stat', 'Status | en: Status | fr: Statut', ['Status']),
  attr('Case', 4, 'DaSe', 'Datum | en: Date | fr: Date', ['Date']),
  // AFAS's dossier type is a bare code ("Type 3") that tells an agent nothing: listed, not shown.
  attr('Case', 5, 'SbTy', 'Type | en: Type | fr: Type', [], hidden),
  attr('Case', 6, 'BcCd', 'Organisatie/persoon | en: Organisation/person | fr: Organisation/personne', ['ContactKey'], hidden),
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
