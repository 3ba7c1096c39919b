import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { LookupResponse } from '../../contract/lookup-api.js';
import type { CrmCallerPanel } from '../../widget/src/index.js';
import { held, json, restoreFetch, stubFetch } from './support/fetch-stub.js';
import { ambiguous, matched, none, serviceUrl } from './support/fixtures.js';
import { $, $$, idlePanel, lookUp, textOf } from './support/panel.js';
import { afterEach, describe, it } from './support/mocha.js';

afterEach(restoreFetch);

const named = (name: string): LookupResponse => ({ ...matched, contacts: matched.contacts.map((c) => ({ ...c, name })) });

describe('lookup requests', () => {
  it('when phone is set then it calls GET {base}/api/v1/lookup with the number as dialled and the direction', async () => {
    const stub = stubFetch(() => json(matched));
    const el = await fixture<CrmCallerPanel>(
      html`<crm-caller-panel service-url=${serviceUrl} direction="outbound" ucc="helpdesk" lang="en"></crm-caller-panel>`,
    );
    await lookUp(el, { phone: '+31 6 1234 5678' });
    const url = stub.calls[0]?.url;
    expect(url?.origin + (url?.pathname ?? '')).to.equal('https://svc.test/CrmServiceAfasProfit/api/v1/lookup');
    expect(url?.searchParams.get('phone')).to.equal('+31 6 1234 5678');
    expect(url?.searchParams.get('direction')).to.equal('outbound');
    expect(url?.searchParams.get('ucc')).to.equal('helpdesk');
    expect(url?.searchParams.has('email')).to.equal(false);
    // Cases that take long may follow the contact (`casesPending`): the panel asks for that.
    expect(url?.searchParams.get('progressive')).to.equal('true');
    expect([...(url?.searchParams.keys() ?? [])].sort()).to.deep.equal(['direction', 'phone', 'progressive', 'ucc']);
    expect(new Headers(stub.calls[0]?.init?.headers).has('Authorization')).to.equal(false);
  });

  it('when email is set then it looks up the address', async () => {
    const stub = stubFetch(() => json(none));
    const el = await idlePanel();
    await lookUp(el, { email: 'jan@example.com' });
    expect(stub.calls[0]?.url.searchParams.get('email')).to.equal('jan@example.com');
    expect(stub.calls[0]?.url.searchParams.has('phone')).to.equal(false);
    expect(stub.calls[0]?.url.searchParams.get('progressive')).to.equal('true');
  });

  it('when api-key is set then it is sent as a bearer token', async () => {
    const stub = stubFetch(() => json(matched));
    const el = await fixture<CrmCallerPanel>(html`<crm-caller-panel service-url=${`${serviceUrl}/`} api-key="k-123"></crm-caller-panel>`);
    await lookUp(el, { phone: '0612345678' });
    expect(new Headers(stub.calls[0]?.init?.headers).get('Authorization')).to.equal('Bearer k-123');
    expect(stub.calls[0]?.url.pathname).to.equal('/CrmServiceAfasProfit/api/v1/lookup');
  });

  it('attribute changes map to properties and start a lookup', async () => {
    const stub = stubFetch(() => json(matched));
    const el = await idlePanel();
    const done = oneEvent(el, 'crm-lookup-completed');
    el.setAttribute('phone', '0612345678');
    await done;
    expect(el.phone).to.equal('0612345678');
    expect(stub.calls).to.have.length(1);
    el.setAttribute('no-cases', '');
    await el.updateComplete;
    expect(el.noCases).to.equal(true);
    expect($(el, '[part="cases"]')).to.equal(null);
    expect(stub.calls).to.have.length(1);
  });

  it('when phone and email are cleared then it returns to idle', async () => {
    stubFetch(() => json(matched));
    const el = await idlePanel();
    const done = oneEvent(el, 'crm-lookup-completed');
    el.setAttribute('phone', '0612345678');
    await done;
    expect($(el, '[part="contact-name"]')).not.to.equal(null);
    el.removeAttribute('phone');
    await el.updateComplete;
    await aTimeout(0);
    expect($(el, '[part~="idle"]')).not.to.equal(null);
    expect($(el, '[part="contact-name"]')).to.equal(null);
  });

  it('refresh() runs the same lookup again', async () => {
    const stub = stubFetch(() => json(matched));
    const el = await idlePanel();
    await lookUp(el, { phone: '0612345678' });
    const done = oneEvent(el, 'crm-lookup-completed');
    el.refresh();
    await done;
    expect(stub.calls.map((c) => c.url.searchParams.get('phone'))).to.deep.equal(['0612345678', '0612345678']);
  });
});

describe('superseded lookups', () => {
  it('when a second number is set while the first is in flight then the first request is aborted', async () => {
    const signals: AbortSignal[] = [];
    stubFetch((url, init) => {
      if (init?.signal) signals.push(init.signal);
      return url.searchParams.get('phone') === '0611111111' ? held(init).promise : json(named('Second Caller'));
    });
    const el = await idlePanel();
    el.phone = '0611111111';
    await el.updateComplete;
    await aTimeout(0);
    await lookUp(el, { phone: '0622222222' });
    expect(signals[0]?.aborted).to.equal(true);
    expect($(el, '[part="contact-name"]')?.textContent).to.equal('Second Caller');
  });

  it('a slow first answer that arrives after the second is never shown (even if the server ignores the abort)', async () => {
    const first = { release: (_r: Response): void => undefined };
    stubFetch((url, init) => {
      if (url.searchParams.get('phone') !== '0611111111') return json(named('Second Caller'));
      const h = held(init, false);
      first.release = h.release;
      return h.promise;
    });
    const el = await idlePanel();
    const events: string[] = [];
    el.addEventListener('crm-lookup-completed', (e) => events.push(`${e.detail.status}/${e.detail.count}`));
    el.phone = '0611111111';
    await el.updateComplete;
    await aTimeout(0);
    await lookUp(el, { phone: '0622222222' });
    first.release(json(named('First Caller (stale)')));
    await aTimeout(20);
    await el.updateComplete;
    expect($(el, '[part="contact-name"]')?.textContent).to.equal('Second Caller');
    expect(textOf(el)).not.to.contain('First Caller');
    expect(events).to.deep.equal(['matched/1']);
  });

  it('a fast sequence of calls ends on the last caller', async () => {
    stubFetch(async (url, init) => {
      const phone = url.searchParams.get('phone') ?? '';
      await aTimeout(phone.endsWith('3') ? 5 : 40);
      init?.signal?.throwIfAborted();
      return json(named(`Caller ${phone}`));
    });
    const el = await idlePanel();
    const done = oneEvent(el, 'crm-lookup-completed');
    for (const phone of ['0600000001', '0600000002', '0600000003']) {
      el.phone = phone;
      await el.updateComplete;
    }
    await done;
    await aTimeout(60);
    await el.updateComplete;
    expect($(el, '[part="contact-name"]')?.textContent).to.equal('Caller 0600000003');
  });

  it('clearing the number while a lookup is in flight aborts it and shows idle', async () => {
    let signal: AbortSignal | undefined;
    stubFetch((_u, init) => {
      signal = init?.signal ?? undefined;
      return held(init).promise;
    });
    const el = await idlePanel();
    el.phone = '0612345678';
    await el.updateComplete;
    await aTimeout(0);
    el.phone = '';
    await el.updateComplete;
    await aTimeout(0);
    await el.updateComplete;
    expect(signal?.aborted).to.equal(true);
    expect($(el, '[part~="idle"]')).not.to.equal(null);
  });

  it('a new lookup resets the picker choice', async () => {
    stubFetch((url) => json(url.searchParams.get('phone') === '1' ? ambiguous : matched));
    const el = await idlePanel();
    await lookUp(el, { phone: '1' });
    $(el, '[part="picker-option"]')?.click();
    await el.updateComplete;
    expect($(el, '[part="back-button"]')).not.to.equal(null);
    await lookUp(el, { phone: '2' });
    await lookUp(el, { phone: '1' });
    expect($(el, '[part="picker"]')).not.to.equal(null);
  });

  it('refresh keeps the candidate the agent chose', async () => {
    stubFetch(() => json(ambiguous));
    const el = await idlePanel();
    await lookUp(el, { phone: '1' });
    $$(el, '[part="picker-option"]')[1]?.click();
    await el.updateComplete;
    const done = oneEvent(el, 'crm-lookup-completed');
    el.refresh();
    await done;
    await el.updateComplete;
    expect($(el, '[part="contact-name"]')?.textContent).to.equal('Kees Jansen');
  });

  it('moving the panel in the DOM during a lookup runs it again instead of showing an error', async () => {
    let n = 0;
    stubFetch((_u, init) => (++n === 1 ? held(init).promise : json(matched)));
    const el = await idlePanel();
    const errors: string[] = [];
    el.addEventListener('crm-error', (e) => errors.push(e.detail.code));
    el.phone = '0612345678';
    await el.updateComplete;
    await aTimeout(0);
    const done = oneEvent(el, 'crm-lookup-completed');
    document.body.append(el);
    await done;
    await el.updateComplete;
    expect($(el, '[part="contact-name"]')?.textContent).to.equal('Jan de Vries');
    expect(errors).to.deep.equal([]);
    el.remove();
  });
});
