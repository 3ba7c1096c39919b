/** The query shapes a caller index and a live lookup send, for the measuring tools. */

export const authHeaderFor = (tokenXml: string): string => `AfasToken ${Buffer.from(tokenXml).toString('base64')}`;

const e = encodeURIComponent;
const compact = (fields: string, values: string, operators: string): string =>
  `filterfieldids=${e(fields)}&filtervalues=${e(values)}&operatortypes=${e(operators)}`;

/** Raw query strings by name, for a Profit_Contacts of `contacts` rows (ContactId 1001 upwards). */
export function ringQueries(contacts: number): Record<string, string> {
  const middle = 1000 + Math.floor(contacts / 2);
  const ids = Array.from({ length: 10 }, (_, i) => 1001 + Math.floor(((i + 1) * contacts) / 11));
  const phones = ['TelWork', 'MobWork', 'TelPrivate', 'MobPrivate'];
  const fuzzy = '%6%1%2%3%4%5%6%7%8%';
  return {
    'keyset page (take 1000)': `${compact('ContactId', String(middle), '4')}&orderbyfieldids=ContactId&skip=0&take=1000`,
    'id equality, 10 ids OR-ed': `${compact(ids.map(() => 'ContactId').join(';'), ids.join(';'), ids.map(() => '1').join(';'))}&orderbyfieldids=ContactId&skip=0&take=20`,
    'LIKE over 4 phone fields': `${compact(phones.join(';'), phones.map(() => fuzzy).join(';'), phones.map(() => '6').join(';'))}&orderbyfieldids=ContactId&skip=0&take=20`,
    'equality, 4 spellings x 4 phone fields': (() => {
      const spellings = ['+31612345678', '0612345678', '06-12345678', '06 12345678'];
      const pairs = phones.flatMap((f) => spellings.map((v) => [f, v] as const));
      return `${compact(pairs.map(([f]) => f).join(';'), pairs.map(([, v]) => v).join(';'), pairs.map(() => '1').join(';'))}&orderbyfieldids=ContactId&skip=0&take=20`;
    })(),
    'text equality (MailWork)': `${compact('MailWork;MailPrivate', 'l.van_leeuwen@zorggroepdelinde.example;l.van_leeuwen@zorggroepdelinde.example', '1;1')}&orderbyfieldids=ContactId&skip=0&take=20`,
    'ModifiedDate >= since': `${compact('ModifiedDate', '2025-11-01T00:00:00', '2')}&orderbyfieldids=ContactId&skip=0&take=1000`,
  };
}
