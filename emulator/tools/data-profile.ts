// The generated data's make-up, as README.md ("Data at scale") reports it.
// Run: node --import tsx emulator/tools/data-profile.ts [contacts=250000] [seed]
import { buildDataset, defaultSeed } from '../src/data/generate.js';
import { nationalKey } from '../src/data/phones.js';

const contacts = Number(process.argv[2] ?? 250_000);
const seed = Number(process.argv[3] ?? defaultSeed);
const data = buildDataset(seed, contacts);
const phoneFields = ['TelWork', 'MobWork', 'TelPrivate', 'MobPrivate'] as const;
const mailFields = ['MailWork', 'MailPrivate'] as const;

/** A national number of the right length: 9 digits for the Netherlands, 8 or 9 for Belgium. */
function wellFormed(v: string): boolean {
  const key = nationalKey(v);
  if (key === null) return false;
  const digits = key.length - 3;
  return key.startsWith('31:') ? digits === 9 : digits === 8 || digits === 9;
}

/** What is wrong with a phone value, or else its notation. */
function kind(v: string): string {
  if (/ (toestel|tst\.|ext\.) \d+$/.test(v)) return 'unparseable: extension in text';
  if (/ \/ | of |\d, /.test(v)) return 'unparseable: two numbers in one field';
  if (!/\d/.test(v) || /^0+$/.test(v)) return 'unparseable: placeholder text';
  if (/[A-Za-z]/.test(v)) return 'unparseable: typo (letter O for 0)';
  if (!wellFormed(v)) return 'unparseable: partial number or one digit too many';
  if (/^\+\d{9,12}$/.test(v)) return 'E.164 (+31612345678)';
  if (/^\+3[12] \(0\)/.test(v)) return 'international with (0) (+31 (0)6 1234 5678)';
  if (/^\+3[12] /.test(v)) return 'international with spaces (+31 6 12345678, +32 470 12 34 56)';
  if (/^00\d+$/.test(v)) return '00-prefix (0031612345678)';
  if (/^0\d{1,3}-/.test(v)) return 'national with dash (06-12345678, 020-1234567)';
  if (/^\(0\d{1,3}\) /.test(v)) return 'national with parentheses ((020) 123 45 67)';
  if (/^0\d{1,3} /.test(v)) return 'national with spaces (06 12 34 56 78)';
  return 'national digits only (0612345678)';
}

const count = new Map<string, number>();
const bump = (k: string, n = 1): void => void count.set(k, (count.get(k) ?? 0) + n);
const owners = new Map<string, Set<number>>();
let phoneValues = 0;
let mailValues = 0;
let malformedMail = 0;
for (const row of data.contacts) {
  bump(`type ${String(row.Type)}`);
  const phones = phoneFields.map((f) => row[f]).filter((v): v is string => typeof v === 'string');
  const mails = mailFields.map((f) => row[f]).filter((v): v is string => typeof v === 'string');
  if (phones.length === 0) bump('contacts without a phone number');
  if (mails.length === 0) bump('contacts without an e-mail address');
  if (phones.length === 0 && mails.length === 0) bump('contacts with neither');
  if (row.Blocked === true) bump('contacts blocked');
  for (const v of phones) {
    phoneValues += 1;
    bump(`phone ${kind(v)}`);
    const key = nationalKey(v);
    if (key && kind(v).startsWith('unparseable') === false) {
      const set = owners.get(key) ?? new Set<number>();
      set.add(Number(row.ContactId));
      owners.set(key, set);
    }
  }
  for (const v of mails) {
    mailValues += 1;
    if (!/^[A-Za-z0-9._-]+@[a-z0-9-]+\.example$/i.test(v)) malformedMail += 1;
  }
}
const shared = [...owners.values()].filter((s) => s.size > 1);
const pct = (n: number, of: number): string => `${((100 * n) / of).toFixed(2)}%`;

console.log(`seed ${seed}: ${data.contacts.length} contacts, ${data.cases.length} cases, ${data.orgPers.length} organisations/persons`);
for (const [k, n] of [...count].filter(([k]) => !k.startsWith('phone')).sort())
  console.log(`  ${k}: ${n} (${pct(n, data.contacts.length)})`);
console.log(`  phone values: ${phoneValues}`);
for (const [k, n] of [...count].filter(([k]) => k.startsWith('phone')).sort((a, b) => b[1] - a[1])) {
  console.log(`    ${k.slice(6)}: ${n} (${pct(n, phoneValues)})`);
}
console.log(
  `  numbers (parseable) shared by more than one contact: ${shared.length}, held by ${shared.reduce((s, x) => s + x.size, 0)} contacts; largest group ${Math.max(0, ...shared.map((s) => s.size))}`,
);
console.log(`  e-mail values: ${mailValues}, malformed: ${malformedMail} (${pct(malformedMail, mailValues)})`);
