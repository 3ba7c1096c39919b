import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePublishBody } from '../../proxy/src/settings/publish-body.js';
import { appError, setting, TOKEN_XML, tokenForms } from './support/settings-fixtures.js';

describe('publish body', () => {
  it('when the body uses the camelCase contract then settings and attributes are read as sent', () => {
    const body = parsePublishBody({
      ucc: 'helpdesk',
      pluginSettings: [setting('Token', TOKEN_XML), setting('MaxContacts', '7')],
      pluginAttributes: [
        {
          displayName: 'Naam',
          systemName: 'Name',
          showOnExtensionWindow: true,
          order: 1,
          fieldType: ['Name'],
          hyperlink: null,
          category: 'Contact',
        },
      ],
    });
    assert.equal(body.ucc, 'helpdesk');
    assert.deepEqual(body.settings, [
      { name: 'Token', value: TOKEN_XML },
      { name: 'MaxContacts', value: '7' },
    ]);
    assert.deepEqual(body.attributes, [
      {
        displayName: 'Naam',
        systemName: 'Name',
        showOnExtensionWindow: true,
        order: 1,
        fieldType: ['Name'],
        hyperlink: null,
        category: 'Contact',
      },
    ]);
  });

  it('when the body uses SharePoint spellings (PascalCase, Title, ;# FieldType, Yes/No, string Order) then it reads the same', () => {
    const body = parsePublishBody({
      Ucc: 'helpdesk',
      PluginSettings: [{ Title: 'MaxCases', Value: 9, Scope: 'CrmService' }],
      PluginAttributes: [
        {
          DisplayName: 'Mobiel',
          SystemName: 'MobWork',
          ShowOnExtensionWindow: 'Yes',
          Order: '4',
          FieldType: 'PhoneNumber;#Search',
          Hyperlink: '',
          Category: 'Contact',
        },
        {
          DisplayName: 'Id',
          SystemName: 'ContactId',
          ShowOnExtensionWindow: 'No',
          Order: 1,
          FieldType: ';#id;#',
          Hyperlink: null,
          Category: 'contact',
        },
        {
          DisplayName: 'Link',
          SystemName: 'Ds',
          ShowOnExtensionWindow: 'TRUE',
          Order: '2.0',
          FieldType: ['Subject'],
          Hyperlink: { Url: '[Insite]x?SbId=[SbId]', Description: 'x' },
          Category: 'CaseSearch',
        },
        {
          DisplayName: 'Ja',
          SystemName: 'Stat',
          ShowOnExtensionWindow: 'Nee',
          Order: 3,
          FieldType: { results: ['Status'] },
          Category: 'Case',
        },
      ],
    });
    assert.deepEqual(body.settings, [{ name: 'MaxCases', value: '9' }]);
    const [mob, id, link, stat] = body.attributes;
    assert.deepEqual(mob, {
      displayName: 'Mobiel',
      systemName: 'MobWork',
      showOnExtensionWindow: true,
      order: 4,
      fieldType: ['PhoneNumber', 'Search'],
      hyperlink: null,
      category: 'Contact',
    });
    assert.deepEqual(id?.fieldType, ['Id'], 'known FieldTypes get their canonical spelling, empty parts are dropped');
    assert.equal(id?.showOnExtensionWindow, false);
    assert.equal(id?.category, 'Contact');
    assert.equal(link?.hyperlink, '[Insite]x?SbId=[SbId]');
    assert.equal(link?.order, 2);
    assert.equal(link?.category, 'CaseSearch');
    assert.equal(stat?.showOnExtensionWindow, false);
    assert.deepEqual(stat?.fieldType, ['Status']);
  });

  it('when items have another scope or category then they are ignored, not errors', () => {
    const body = parsePublishBody({
      ucc: 'helpdesk',
      pluginSettings: [
        setting('CrmServiceUrl', 'https://x', 'WebAgentService'),
        setting('Token', TOKEN_XML, 'CRMSERVICE'),
        { name: 'NoScope', value: 'x' },
      ],
      pluginAttributes: [
        { systemName: 'LeadName', category: 'Lead' },
        { systemName: 'Other', category: 'Contact', scope: 'WebAgent' },
        { systemName: 'Kept', category: 'Contact', fieldType: ['Mystery'] },
      ],
    });
    assert.deepEqual(
      body.settings.map((s) => s.name),
      ['Token'],
    );
    assert.deepEqual(
      body.attributes.map((a) => a.systemName),
      ['Kept'],
    );
    assert.deepEqual(body.attributes[0]?.fieldType, ['Mystery'], 'unknown FieldType values are kept');
    assert.equal(body.attributes[0]?.displayName, 'Kept', 'a missing DisplayName falls back to the SystemName');
    assert.equal(body.attributes[0]?.showOnExtensionWindow, true);
    assert.deepEqual(
      body.warnings,
      [
        'pluginAttributes[0].category: "Lead" is not a category of this service (Contact, ContactSearch, Case, CaseSearch); the item is ignored',
        'pluginAttributes[2].fieldType: "Mystery" is not a FieldType of category Contact and is ignored',
      ],
      'another scope is no warning; an unknown category or FieldType is',
    );
  });

  it('when names are unknown then each is a warning naming the item, with a hint for a likely typo, never the value', () => {
    const body = parsePublishBody({
      ucc: 'helpdesk',
      pluginSettings: [setting('maxcontact', '7'), setting('Tokn', TOKEN_XML), setting('CaseStatus', 'Klaar=Closed'), setting('Note', 'x')],
      pluginAttributes: [
        { systemName: 'A', category: 'Cases', fieldType: ['Subject'] },
        { systemName: 'B', category: 'CaseSearch', fieldType: ['Subjekt', 'PhoneNumber', 'status'] },
        { systemName: 'C', category: 'contactsearch', fieldType: 'Name;#Search;#Changed' },
        { systemName: 'D', category: 'Contact\u0000'.padEnd(200, 'x') },
        { systemName: 'E', category: 'Case', fieldType: ['X'] },
      ],
    });
    assert.deepEqual(
      body.warnings,
      [
        'pluginSettings[0].name: "maxcontact" is not a setting of this service and is ignored (did you mean MaxContacts?)',
        'pluginSettings[1].name: "Tokn" is not a setting of this service and is ignored (did you mean Token?)',
        'pluginSettings[3].name: "Note" is not a setting of this service and is ignored',
        'pluginAttributes[0].category: "Cases" is not a category of this service (Contact, ContactSearch, Case, CaseSearch); the item is ignored (did you mean Case?)',
        'pluginAttributes[1].fieldType: "Subjekt" is not a FieldType of category CaseSearch and is ignored (did you mean Subject?)',
        'pluginAttributes[1].fieldType: "PhoneNumber" is not a FieldType of category CaseSearch and is ignored',
        'pluginAttributes[2].fieldType: "Changed" is not a FieldType of category ContactSearch and is ignored',
        `pluginAttributes[3].category: "Contact\\u0000${'x'.repeat(52)}…" is not a category of this service (Contact, ContactSearch, Case, CaseSearch); the item is ignored`,
        'pluginAttributes[4].fieldType: "X" is not a FieldType of category Case and is ignored',
      ],
      'a hint only for a likely typo ("X" is no typo of Id)',
    );
    for (const t of tokenForms) assert.ok(!body.warnings.join('').includes(t));
  });

  it('when an attribute is invalid then the error names the item and the column', async () => {
    const e = await appError(() =>
      parsePublishBody({
        ucc: 'helpdesk',
        pluginAttributes: [
          { systemName: 'A', category: 'Contact' },
          { systemName: 'B', category: 'Contact' },
          { systemName: 'C', category: 'Contact' },
          { displayName: 'No system name', category: 'Contact' },
          { systemName: 'bad name!', category: 'Case' },
          { systemName: 'D', category: 'Contact', showOnExtensionWindow: 'maybe', order: 'first' },
          { systemName: 'E', category: 'Contact', hyperlink: 'javascript:alert(1)' },
          { systemName: 'F' },
          'not an object',
        ],
      }),
    );
    assert.equal(e.code, 'invalid_request');
    assert.equal(e.status, 400);
    for (const expected of [
      'pluginAttributes[3].systemName: required',
      'pluginAttributes[4].systemName: expected a GetConnector field id',
      'pluginAttributes[5].showOnExtensionWindow:',
      'pluginAttributes[5].order: expected a number',
      'pluginAttributes[6].hyperlink:',
      'pluginAttributes[7].category: required',
      'pluginAttributes[8]: expected an object',
    ]) {
      assert.ok(e.message.includes(expected), `${expected} in ${e.message}`);
    }
  });

  it('when a setting item is invalid then the error names it without quoting the value', async () => {
    const e = await appError(() =>
      parsePublishBody({
        ucc: 'helpdesk',
        pluginSettings: [{ value: TOKEN_XML, scope: 'CrmService' }, setting('Token', TOKEN_XML), setting('token', 'other')],
      }),
    );
    assert.match(e.message, /pluginSettings\[0\]\.name: required/);
    assert.match(e.message, /pluginSettings\[2\]\.name: token is also set by pluginSettings\[1\]/);
    for (const t of tokenForms) assert.ok(!e.message.includes(t));
  });

  it('when the lists or the body have the wrong shape then that is named', async () => {
    assert.match((await appError(() => parsePublishBody([]))).message, /^body: /);
    assert.match((await appError(() => parsePublishBody({ ucc: 'x', pluginSettings: {} }))).message, /pluginSettings: expected an array/);
    assert.match((await appError(() => parsePublishBody({ pluginSettings: [] }))).message, /ucc: required/);
  });

  it('when the lists are missing then the body is still valid (a UCC may publish one list first)', () => {
    assert.deepEqual(parsePublishBody({ ucc: ' helpdesk ' }), { ucc: 'helpdesk', settings: [], attributes: [], warnings: [] });
  });

  for (const ucc of [
    '../etc',
    '..',
    '.',
    'a/b',
    'a\\b',
    '/abs',
    'C:x',
    'x'.repeat(101),
    '',
    '   ',
    'nul\u0000',
    '.hidden',
    'trailing.',
    'sp ace',
    42,
  ]) {
    it(`when ucc is ${JSON.stringify(ucc)} then it is rejected`, async () => {
      const e = await appError(() => parsePublishBody({ ucc }));
      assert.equal(e.code, 'invalid_request');
      assert.match(e.message, /^ucc: /);
    });
  }

  for (const ucc of ['helpdesk', 'UCC_Sales-2', 'ucc@contoso.com', 'a.b', 'x'.repeat(100)]) {
    it(`when ucc is ${ucc.slice(0, 20)} then it is accepted`, () => {
      assert.equal(parsePublishBody({ ucc }).ucc, ucc);
    });
  }
});
