import { defaultCaseStatus, parseCaseStatus } from '../../../proxy/src/settings/case-status.js';
import { defaultAttributes } from '../../../proxy/src/settings/default-attributes.js';
import type { EffectiveSettings, PluginAttribute, PluginSettings } from '../../../proxy/src/settings/types.js';

/** Effective settings as a UCC publishing only the three required values would get, for service-level tests. */
export function testSettings(over: Partial<PluginSettings> = {}, attributes: PluginAttribute[] = defaultAttributes): EffectiveSettings {
  return {
    primaryUcc: 'helpdesk',
    version: 1,
    revision: 'test-settings-1',
    attributes,
    settings: {
      afas: {
        restRoot: 'https://12345.rest.afas.online/ProfitRestServices',
        authorization: 'AfasToken unused',
        host: '12345.rest.afas.online',
      },
      insite: 'https://12345.afasinsite.nl/',
      defaultPhoneNumberRegion: 'NL',
      phoneNumberFormat: 'WildCard',
      contactConnector: 'Profit_Contacts',
      caseConnector: 'ProfitSubjectsAuthorized',
      maxContacts: 5,
      maxCases: 5,
      caseStatus: parseCaseStatus(defaultCaseStatus),
      cacheSeconds: 60,
      callerIndex: false,
      indexRefreshSeconds: 60,
      pickDays: 90,
      ...over,
    },
  };
}
