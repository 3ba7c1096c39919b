import { expect } from '@open-wc/testing';
import { serviceUrlFromScript } from '../../widget/src/api/service-url.js';
import { define } from '../../widget/src/define.js';
import { formatCaseDate } from '../../widget/src/format/date.js';
import { ModuleLoads } from '../../widget/src/components/caller-panel/module-loads.js';
import { formatPhone } from '../../widget/src/format/phone.js';
import { CrmCallerPanel } from '../../widget/src/index.js';
import { describe, it } from './support/mocha.js';

describe('formatPhone', () => {
  for (const [input, expected] of [
    ['0612345678', '06 12 34 56 78'],
    ['+31612345678', '06 12 34 56 78'],
    ['0031 6 1234 5678', '06 12 34 56 78'],
    ['+31201234567', '020 123 4567'],
    ['020-1234567', '020 123 4567'],
    ['+31591123456', '0591 123 456'],
    // Dutch numbers outside the area-code plan: 085, 088, 091, 097 and the like, as 0xx xxx xxxx.
    ['+31853031462', '085 303 1462'],
    ['0883031462', '088 303 1462'],
    ['+31970123456', '097 012 3456'],
    // Belgian numbers as Belgians write them: one-digit zones (2, 3, 4, 9), two-digit zones, mobiles.
    ['+3292654310', '+32 9 265 43 10'],
    ['+3222345678', '+32 2 234 56 78'],
    ['+3250123456', '+32 50 12 34 56'],
    ['0032 470 12 34 56', '+32 470 12 34 56'],
    // Other countries: the country code, then groups of three.
    ['+4930123456', '+49 301 234 56'],
    ['+12125550100', '+1 212 555 010 0'],
    ['anonymous', 'anonymous'],
    ['  123  ', '123'],
  ] as const) {
    it(`${input} → ${expected}`, () => {
      expect(formatPhone(input)).to.equal(expected);
    });
  }
});

describe('formatCaseDate', () => {
  it('uses Europe/Amsterdam and the panel locale', () => {
    expect(formatCaseDate('2026-06-30T22:30:00Z', 'en-GB')).to.equal('1 Jul 2026');
    expect(formatCaseDate('2026-06-30T22:30:00Z', 'nl-NL')).to.equal('1 jul 2026');
    expect(formatCaseDate('not a date', 'nl-NL')).to.equal(undefined);
  });
});

describe('service URL', () => {
  it('derives {base} from {base}/widget/crm-caller-panel.js', () => {
    expect(serviceUrlFromScript('https://crm.example/CrmServiceAfasProfit/widget/crm-caller-panel.js')).to.equal(
      'https://crm.example/CrmServiceAfasProfit',
    );
    expect(serviceUrlFromScript('http://127.0.0.1:8080/widget/crm-caller-panel.js?v=2')).to.equal('http://127.0.0.1:8080');
  });
});

describe('registration', () => {
  it('the tag is defined by the bundle entry', () => {
    expect(customElements.get('crm-caller-panel')).to.equal(CrmCallerPanel);
  });

  it('loading twice skips the second registration with a warning', () => {
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args[0]);
    try {
      define('crm-caller-panel', class extends HTMLElement {});
    } finally {
      console.warn = warn;
    }
    expect(customElements.get('crm-caller-panel')).to.equal(CrmCallerPanel);
    expect(String(warnings[0])).to.contain('already defined');
  });
});

describe('ModuleLoads', () => {
  const host = (): {
    updates: number;
    addController: () => void;
    removeController: () => void;
    requestUpdate: () => void;
    updateComplete: Promise<boolean>;
  } => {
    const h = {
      updates: 0,
      addController: () => undefined,
      removeController: () => undefined,
      requestUpdate: () => void (h.updates += 1),
      updateComplete: Promise.resolve(true),
    };
    return h;
  };

  it('loads a key once at a time, gives the module to its user and updates the host', async () => {
    const h = host();
    const loads = new ModuleLoads(h);
    let calls = 0;
    const used: string[] = [];
    const load = (): Promise<string> => {
      calls += 1;
      return Promise.resolve('module');
    };
    loads.load('a', load, (m) => used.push(m));
    loads.load('a', load, (m) => used.push(m));
    expect(loads.busy).to.equal(true);
    await loads.settled();
    expect({ calls, used, busy: loads.busy, updates: h.updates }).to.deep.equal({ calls: 1, used: ['module'], busy: false, updates: 1 });
  });

  it('remembers a failed module and does not ask for it again until retryFailed (no loop of failing requests)', async () => {
    const h = host();
    const loads = new ModuleLoads(h);
    let calls = 0;
    const failing = (): Promise<string> => {
      calls += 1;
      return Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    };
    loads.load('choice', failing, () => undefined);
    await loads.settled();
    expect(loads.failed('choice')).to.equal(true);
    expect(h.updates).to.equal(1, 'the host updates to say what it cannot show');
    loads.load('choice', failing, () => undefined);
    expect(calls).to.equal(1);
    loads.retryFailed();
    expect(loads.failed('choice')).to.equal(false);
    loads.load('choice', failing, () => undefined);
    await loads.settled();
    expect(calls).to.equal(2);
  });
});
