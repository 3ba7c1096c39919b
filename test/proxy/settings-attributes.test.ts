import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAfasId } from '../../proxy/src/afas/ids.js';
import { attributesFor, attributesOfType, effectiveAttributes, sameAttributes } from '../../proxy/src/settings/attributes.js';
import { defaultAttributes, renderDefaultAttributeTable } from '../../proxy/src/settings/default-attributes.js';
import { contactFieldTypes, caseFieldTypes } from '../../proxy/src/settings/field-types.js';
import type { AttributeCategory, PluginAttribute } from '../../proxy/src/settings/types.js';
import { attributeItem } from './support/settings-fixtures.js';

const a = (category: AttributeCategory, systemName: string, order: number, fieldType: string[] = []): PluginAttribute =>
  attributeItem(category, systemName, order, fieldType);

describe('attributes', () => {
  it('when a category is asked for then its items come sorted by order, ties in list order', () => {
    const list = [a('Contact', 'C', 3), a('Case', 'X', 1), a('Contact', 'A', 1), a('Contact', 'B1', 2), a('Contact', 'B2', 2)];
    assert.deepEqual(
      attributesFor(list, 'Contact').map((x) => x.systemName),
      ['A', 'B1', 'B2', 'C'],
    );
    assert.deepEqual(
      list.map((x) => x.systemName),
      ['C', 'X', 'A', 'B1', 'B2'],
      'the input is not reordered',
    );
  });

  it('when a Search category has no items then its base category is used; when it has items, only those', () => {
    const list = [a('Contact', 'A', 1), a('Case', 'X', 1)];
    assert.deepEqual(
      attributesFor(list, 'ContactSearch').map((x) => x.systemName),
      ['A'],
    );
    assert.deepEqual(
      attributesFor(list, 'CaseSearch').map((x) => x.systemName),
      ['X'],
    );
    const withSearch = [...list, a('ContactSearch', 'S', 1)];
    assert.deepEqual(
      attributesFor(withSearch, 'ContactSearch').map((x) => x.systemName),
      ['S'],
    );
  });

  it('when an item spells a known FieldType in another case then lookups find it by that type all the same', () => {
    const list = effectiveAttributes([
      a('Contact', 'T', 1, ['phonenumber', 'Search']),
      a('Contact', 'M', 2, ['email']),
      a('Contact', 'N', 3),
    ]);
    assert.deepEqual(
      attributesOfType(list, 'PhoneNumber').map((x) => x.systemName),
      ['T'],
    );
    assert.deepEqual(
      attributesOfType(list, 'Email').map((x) => x.systemName),
      ['M'],
    );
    assert.deepEqual(list[0]?.fieldType, ['PhoneNumber', 'Search'], 'known types spelled canonically, unknown ones kept');
  });

  it('when a UCC publishes no attributes then the built-in defaults apply', () => {
    assert.ok(sameAttributes(effectiveAttributes([]), defaultAttributes));
  });

  it('when a UCC publishes only Case items then the default Contact items are added, and vice versa', () => {
    const onlyCase = effectiveAttributes([a('Case', 'Own', 1, ['Id'])]);
    assert.deepEqual(
      attributesFor(onlyCase, 'Case').map((x) => x.systemName),
      ['Own'],
    );
    assert.deepEqual(
      attributesFor(onlyCase, 'Contact').map((x) => x.systemName),
      attributesFor(defaultAttributes, 'Contact').map((x) => x.systemName),
    );
    const onlySearch = effectiveAttributes([a('ContactSearch', 'S', 1)]);
    assert.ok(attributesFor(onlySearch, 'Contact').length > 0, 'ContactSearch alone does not replace Contact');
  });

  it('when the effective list is changed then the defaults are not', () => {
    const list = effectiveAttributes([]);
    list[0].fieldType.push('Changed');
    list[0].displayName = 'Changed';
    assert.ok(!defaultAttributes[0].fieldType.includes('Changed'));
    assert.notEqual(defaultAttributes[0].displayName, 'Changed');
  });

  it('when two lists differ only in item order between Order values or FieldType spelling then they are the same', () => {
    const x = [a('Contact', 'A', 1, ['Name', 'Search']), a('Case', 'B', 1)];
    const y = [a('Case', 'B', 1), a('Contact', 'A', 1, ['search', 'name'])];
    assert.ok(sameAttributes(x, y));
    assert.ok(!sameAttributes(x, [a('Contact', 'A', 2, ['Name', 'Search']), a('Case', 'B', 1)]));
    assert.ok(!sameAttributes(x, x.slice(1)));
  });
});

describe('default attributes', () => {
  const contact = attributesFor(defaultAttributes, 'Contact');
  const cases = attributesFor(defaultAttributes, 'Case');
  const one = (list: PluginAttribute[], systemName: string) => {
    const found = list.find((x) => x.systemName === systemName);
    assert.ok(found, systemName);
    return found;
  };

  it('when looked up, the contact defaults cover id, name, organisation, phones, e-mails, blocked and case keys', () => {
    assert.deepEqual(
      attributesOfType(contact, 'Id').map((x) => x.systemName),
      ['ContactId'],
    );
    assert.equal(one(contact, 'ContactId').showOnExtensionWindow, false);
    assert.deepEqual(
      attributesOfType(contact, 'PhoneNumber').map((x) => x.systemName),
      ['TelWork', 'MobWork', 'TelPrivate', 'MobPrivate'],
    );
    assert.deepEqual(
      attributesOfType(contact, 'Email').map((x) => x.systemName),
      ['MailWork', 'MailPrivate'],
    );
    assert.deepEqual(
      attributesOfType(contact, 'Name').map((x) => x.systemName),
      ['FullName', 'Name'],
    );
    assert.deepEqual(
      attributesOfType(contact, 'Organisation').map((x) => x.systemName),
      ['Name'],
    );
    assert.deepEqual(
      attributesOfType(contact, 'CaseKey').map((x) => x.systemName),
      ['OrgNumber', 'PerNumber'],
    );
    assert.equal(one(contact, 'Blocked').showOnExtensionWindow, false);
    assert.equal(one(contact, 'FullName').hyperlink, '[Insite]contactpersoon-prs?CdId=[ContactId]');
    assert.equal(one(contact, 'Name').hyperlink, '[Insite]verkooprelatie-prs?BcCo=[OrgNumber]');
    const l1 = one(contact, 'AddressLine1');
    const l3 = one(contact, 'AddressLine3');
    assert.equal(l1.displayName, l3.displayName);
    assert.equal(l3.order, l1.order + 1, 'the two address lines share one line');
  });

  it('when looked up, the case defaults cover id, subject (linked), status, date and the contact key', () => {
    assert.equal(one(cases, 'SbId').showOnExtensionWindow, false);
    assert.deepEqual(one(cases, 'SbId').fieldType, ['Id']);
    assert.equal(one(cases, 'Ds').hyperlink, '[Insite]dossieritem-prs?SbId=[SbId]');
    assert.deepEqual(
      attributesOfType(cases, 'Status').map((x) => x.systemName),
      ['Stat'],
    );
    assert.deepEqual(
      attributesOfType(cases, 'Date').map((x) => x.systemName),
      ['DaSe'],
    );
    assert.deepEqual(
      attributesOfType(cases, 'ContactKey').map((x) => x.systemName),
      ['BcCd'],
    );
    assert.equal(one(cases, 'BcCd').showOnExtensionWindow, false);
  });

  it('when checked, every default uses known FieldTypes, valid field ids and unique orders per category', () => {
    for (const x of defaultAttributes) {
      const vocabulary: readonly string[] = x.category.startsWith('Contact') ? contactFieldTypes : caseFieldTypes;
      for (const t of x.fieldType) assert.ok(vocabulary.includes(t), `${x.systemName}: ${t}`);
      assert.ok(isAfasId(x.systemName), x.systemName);
    }
    for (const c of ['Contact', 'Case'] as const) {
      const orders = defaultAttributes.filter((x) => x.category === c).map((x) => x.order);
      assert.equal(new Set(orders).size, orders.length);
    }
  });

  it('when rendered for the README then the table has a header and one row per default', () => {
    const lines = renderDefaultAttributeTable().trimEnd().split('\n');
    assert.equal(lines[0], '| Category | DisplayName | SystemName | Shown | Order | FieldType | Hyperlink |');
    assert.equal(lines.length, defaultAttributes.length + 2);
    assert.ok(
      lines.includes(
        '| Contact | Organisatie \\| en: Organisation \\| fr: Organisation | `Name` | Yes | 3 | Name;#Organisation;#Search | `[Insite]verkooprelatie-prs?BcCo=[OrgNumber]` |',
      ),
    );
  });
});
