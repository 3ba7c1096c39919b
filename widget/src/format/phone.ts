/**
 * Formats a phone number for display the way Dutch agents read them: national format for Dutch numbers
 * (06 12 34 56 78, 020 123 4567, 0591 123 456), `+CC rest` for foreign ones. Anything that does not look like a
 * phone number comes back trimmed and unchanged. Display only: the panel shows the dialled number this way while it
 * looks the caller up and when nobody was found; links (`tel:`) come from the service, never from here.
 */
const twoDigitAreas = new Set([
  '10',
  '13',
  '15',
  '20',
  '23',
  '24',
  '26',
  '30',
  '33',
  '35',
  '36',
  '38',
  '40',
  '43',
  '45',
  '46',
  '50',
  '53',
  '55',
  '58',
  '70',
  '71',
  '72',
  '73',
  '74',
  '75',
  '76',
  '77',
  '78',
  '79',
]);

// ITU E.164 country codes: 1 and 7 are one digit, these are two, all others three.
const twoDigitCountries = new Set(
  '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'.split(
    ' ',
  ),
);
const countryCodeLength = (digits: string): number => (/^[17]/.test(digits) ? 1 : twoDigitCountries.has(digits.slice(0, 2)) ? 2 : 3);

const groups = (digits: string, sizes: number[]): string => {
  const out: string[] = [];
  let i = 0;
  for (const size of sizes) {
    if (i >= digits.length) break;
    out.push(digits.slice(i, i + size));
    i += size;
  }
  if (i < digits.length) out.push(digits.slice(i));
  return out.join(' ');
};

/** Dutch numbers outside the area-code plan (085 303 1462): three digits, then 3 + 4. */
const nonGeographic = /^(8[2-578]|9[17])/;

function dutchNational(national: string): string {
  // `national` has no leading 0: 612345678, 201234567, 591123456, 8001234.
  if (national.length !== 9) return `0${national.slice(0, 3)} ${national.slice(3)}`;
  if (national.startsWith('6')) return `06 ${groups(national.slice(1), [2, 2, 2, 2])}`;
  if (nonGeographic.test(national)) return `0${national.slice(0, 2)} ${groups(national.slice(2), [3, 4])}`;
  if (twoDigitAreas.has(national.slice(0, 2))) return `0${national.slice(0, 2)} ${groups(national.slice(2), [3, 4])}`;
  return `0${national.slice(0, 3)} ${groups(national.slice(3), [3, 3])}`;
}

/** Belgian numbers as Belgians write them: +32 9 265 43 10, +32 50 12 34 56, +32 470 12 34 56, +32 800 12 345. */
function belgian(national: string): string {
  if (/^(800|90)/.test(national)) return `+32 ${national.slice(0, 3)} ${groups(national.slice(3), [2, 3])}`;
  const area = national.length === 9 ? 3 : /^[2349]/.test(national) ? 1 : 2;
  return `+32 ${national.slice(0, area)} ${groups(national.slice(area), [area === 1 ? 3 : 2, 2, 2])}`;
}

export function formatPhone(input: string): string {
  const trimmed = input.trim();
  if (!/^[+\d][\d\s().\-/]*$/.test(trimmed)) return trimmed;
  let digits = trimmed.replace(/\D/g, '');
  const international = trimmed.startsWith('+') || digits.startsWith('00');
  if (digits.startsWith('00')) digits = digits.slice(2);
  if (digits.length < 6) return trimmed;
  if (!international) return digits.startsWith('0') && digits.length === 10 ? dutchNational(digits.slice(1)) : trimmed;
  if (digits.startsWith('31') && digits.length >= 9) return dutchNational(digits.slice(2));
  if (digits.startsWith('32') && (digits.length === 10 || digits.length === 11)) return belgian(digits.slice(2));
  const cc = countryCodeLength(digits);
  return `+${digits.slice(0, cc)} ${groups(digits.slice(cc), [3, 3, 3, 3])}`;
}
