/** Case dates are shown in Dutch time, whatever the agent's machine is set to. */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatCaseDate(iso: string, locale: string): string | undefined {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  let f = formatters.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'short', year: 'numeric' });
    formatters.set(locale, f);
  }
  return f.format(date);
}
