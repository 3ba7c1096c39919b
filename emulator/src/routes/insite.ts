/**
 * Emulated InSite: one plain page per record, for whatever page path the link template uses.
 * The record is chosen by the query parameter present: SbId, CdId/ContactId, BcCo or BcId.
 */
import type { OrgPer } from '../data/builder.js';
import { html, type Html } from '../html.js';
import { parseQuery } from '../query/params.js';
import { htmlReply, type Reply } from '../reply.js';
import { caseFields, contactFields, subjectTypes, type Cell, type FieldDef, type Row } from '../schema.js';
import type { Table } from '../table.js';

const contactTypes: Readonly<Record<string, string>> = {
  ORG: 'Organisatie',
  PRS: 'Persoon bij organisatie',
  PER: 'Persoon',
  AFD: 'Afdeling bij organisatie',
};

/** Contacts are read from the live table, so InSite shows changes made through the control API. */
export class InsiteIndex {
  private readonly orgPerByBcCo = new Map<string, OrgPer>();
  private readonly orgPerByBcId = new Map<number, OrgPer>();

  constructor(
    orgPers: readonly OrgPer[],
    private readonly contacts: Table,
    private readonly cases: Table,
  ) {
    for (const op of orgPers) {
      this.orgPerByBcCo.set(op.bcCo, op);
      this.orgPerByBcId.set(op.bcId, op);
    }
  }

  contact(id: number): Row | undefined {
    return this.contacts.get(id)?.row;
  }

  case(id: number): Row | undefined {
    return this.cases.get(id)?.row;
  }

  /** The first contacts by ContactId (the demo rows). */
  firstContacts(n: number): Row[] {
    return this.contacts
      .keyOrder()
      .slice(0, n)
      .map((e) => e.row);
  }

  orgPer(key: { bcCo?: string; bcId?: number }): OrgPer | undefined {
    return key.bcCo !== undefined ? this.orgPerByBcCo.get(key.bcCo) : this.orgPerByBcId.get(key.bcId ?? NaN);
  }

  contactsOf(bcCo: string): Row[] {
    const out: Row[] = [];
    for (const { row } of this.contacts.keyOrder()) if (row.OrgNumber === bcCo || row.PerNumber === bcCo) out.push(row);
    return out;
  }

  casesOf(bcCo: string): Row[] {
    const owner = this.orgPer({ bcCo });
    const cases = owner ? this.cases.seek('BcId', owner.bcId).map((e) => e.row) : [];
    return cases.sort((a, b) => String(b.DaSe).localeCompare(String(a.DaSe)));
  }
}

function display(f: FieldDef, v: Cell): string {
  if (v === null) return '';
  if (f.dataType === 'boolean') return v ? 'Ja' : 'Nee';
  if (f.dataType === 'date') return String(v).slice(0, 16).replace('T', ' ');
  if (f.id === 'Type') return `${String(v)} (${contactTypes[String(v)] ?? '?'})`;
  if (f.id === 'SbTy') return `${String(v)} (${subjectTypes[Number(v)] ?? '?'})`;
  return String(v);
}

function fieldTable(defs: readonly FieldDef[], row: Row): Html {
  return html`<table>
    ${defs.map(
      (f) =>
        html`<tr>
          <th scope="row">${f.label}</th>
          <td>${display(f, row[f.id])}</td>
        </tr>`,
    )}
  </table>`;
}

function caseList(cases: readonly Row[]): Html {
  if (cases.length === 0) return html`<p>Geen dossieritems.</p>`;
  return html`<ul>
    ${cases.map(
      (s) =>
        html`<li>
          <a href="${`dossieritem?SbId=${String(s.SbId)}`}">${String(s.SbId)}: ${s.Ds}</a> — ${s.Stat}, ${display(caseFields[2], s.DaSe)}
        </li>`,
    )}
  </ul>`;
}

function contactList(contacts: readonly Row[]): Html {
  return html`<ul>
    ${contacts.map(
      (c) =>
        html`<li>
          <a href="${`contact?CdId=${String(c.ContactId)}`}">${c.FullName ?? c.Name}</a>
          (${contactTypes[String(c.Type)]})${c.Blocked ? ' — geblokkeerd' : ''}
        </li>`,
    )}
  </ul>`;
}

function page(status: number, heading: string, body: Html): Reply {
  const title = `AFAS InSite (emulated) — ${heading}`;
  const doc = html`<!DOCTYPE html>
    <html lang="nl">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <style>
          body {
            font:
              15px/1.5 system-ui,
              sans-serif;
            margin: 2rem auto;
            max-width: 48rem;
            padding: 0 1rem;
            color: #1d2733;
          }
          header {
            color: #5a6b7b;
            font-size: 0.85rem;
            border-bottom: 1px solid #d5dde5;
            margin-bottom: 1rem;
          }
          th {
            text-align: left;
            font-weight: 600;
            padding: 0.2rem 1rem 0.2rem 0;
            vertical-align: top;
          }
          td {
            padding: 0.2rem 0;
            white-space: pre-wrap;
          }
          a {
            color: #0b5cad;
          }
        </style>
      </head>
      <body>
        <header>AFAS InSite (emulated) — fictional demo data</header>
        <main>
          <h1>${title}</h1>
          ${body}
        </main>
      </body>
    </html>`;
  return htmlReply(status, doc.markup);
}

function orgPerLink(index: InsiteIndex, bcCo: Cell): Html {
  const op = typeof bcCo === 'string' ? index.orgPer({ bcCo }) : undefined;
  return op ? html`<a href="${`organisatie-persoon?BcCo=${op.bcCo}`}">${op.name}</a> (${op.bcCo})` : html``;
}

function contactPage(index: InsiteIndex, c: Row): Reply {
  const numbers = [c.OrgNumber, c.PerNumber].filter((n): n is string => typeof n === 'string');
  const cases = numbers.flatMap((n) => index.casesOf(n));
  return page(
    200,
    String(c.FullName ?? c.Name),
    html` <p>Contact ${String(c.ContactId)}${c.Blocked ? html` — <strong>geblokkeerd</strong>` : ''}</p>
      ${numbers.map((n) => html`<p>Organisatie/persoon: ${orgPerLink(index, n)}</p>`)} ${fieldTable(contactFields, c)}
      <h2>Dossieritems</h2>
      ${caseList(cases)}`,
  );
}

function orgPerPage(index: InsiteIndex, op: OrgPer): Reply {
  return page(
    200,
    op.name,
    html` <p>${op.kind === 'ORG' ? 'Organisatie' : 'Persoon'} ${op.bcCo} (intern id ${op.bcId})</p>
      <h2>Contacten</h2>
      ${contactList(index.contactsOf(op.bcCo))}
      <h2>Dossieritems</h2>
      ${caseList(index.casesOf(op.bcCo))}`,
  );
}

function casePage(index: InsiteIndex, s: Row): Reply {
  return page(
    200,
    `Dossieritem ${String(s.SbId)}: ${String(s.Ds)}`,
    html` <p>Bij: ${orgPerLink(index, s.BcCd)}</p>
      ${fieldTable(caseFields, s)}`,
  );
}

function notFound(what: string): Reply {
  return page(404, 'niet gevonden', html`<p>Geen record gevonden voor ${what}.</p>`);
}

function indexPage(index: InsiteIndex): Reply {
  return page(
    200,
    'start',
    html` <p>
        Open een record met <code>?CdId=</code> (of <code>ContactId</code>), <code>?BcCo=</code>, <code>?BcId=</code> of
        <code>?SbId=</code>, onder elk pad in <code>/insite/</code>.
      </p>
      <h2>Demo-contacten</h2>
      ${contactList(index.firstContacts(16))}`,
  );
}

const whole = (text: string | undefined): number | undefined =>
  text !== undefined && /^\d+$/.test(text.trim()) ? Number(text) : undefined;

export function insiteReply(index: InsiteIndex, rawQuery: string): Reply {
  const q = parseQuery(rawQuery);
  const sbId = q.get('sbid');
  const cdId = q.get('cdid') ?? q.get('contactid');
  const bcCo = q.get('bcco');
  const bcId = q.get('bcid');
  if (sbId !== undefined) {
    const s = index.case(whole(sbId) ?? NaN);
    return s ? casePage(index, s) : notFound(`SbId=${sbId}`);
  }
  if (cdId !== undefined) {
    const c = index.contact(whole(cdId) ?? NaN);
    return c ? contactPage(index, c) : notFound(`CdId=${cdId}`);
  }
  if (bcCo !== undefined) {
    const op = index.orgPer({ bcCo: bcCo.trim() });
    return op ? orgPerPage(index, op) : notFound(`BcCo=${bcCo}`);
  }
  if (bcId !== undefined) {
    const op = index.orgPer({ bcId: whole(bcId) ?? NaN });
    return op ? orgPerPage(index, op) : notFound(`BcId=${bcId}`);
  }
  return indexPage(index);
}
