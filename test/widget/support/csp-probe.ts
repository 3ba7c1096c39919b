/**
 * Loaded by the CSP test inside an iframe whose page sets a strict Content-Security-Policy with Trusted Types:
 * renders a matched caller and reports every securitypolicyviolation on `window.cspProbe`.
 */
import { matched } from './fixtures.js';

export interface CspProbeResult {
  violations: string[];
  name: string | null | undefined;
  links: number;
}

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
window.fetch = () => Promise.resolve(new Response(JSON.stringify(matched), { headers: { 'Content-Type': 'application/json' } }));

await import('../../../widget/src/index.js');
const panel = document.createElement('crm-caller-panel');
panel.setAttribute('service-url', 'https://svc.test/CrmServiceAfasProfit');
panel.setAttribute('lang', 'en');
document.body.append(panel);
const done = new Promise((resolve) => panel.addEventListener('crm-lookup-completed', resolve, { once: true }));
panel.setAttribute('phone', '0612345678');
await done;
await panel.updateComplete;
const result: CspProbeResult = {
  violations,
  name: panel.shadowRoot?.querySelector('[part="contact-name"]')?.textContent,
  links: panel.shadowRoot?.querySelectorAll('a').length ?? 0,
};
(window as unknown as { cspProbe: CspProbeResult }).cspProbe = result;
