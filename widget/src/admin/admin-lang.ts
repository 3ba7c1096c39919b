/**
 * The admin page's languages. Its own list (not the caller panel's `Lang`), so the page and the panel can each add a
 * language when its strings are ready.
 */
export const adminLanguages = ['nl', 'en', 'fr'] as const;

export type AdminLang = (typeof adminLanguages)[number];

/** `nl`, `nl-BE`, `EN-gb`, `fr_BE` → the page's language; anything else → undefined. */
export function toAdminLang(value: string | null | undefined): AdminLang | undefined {
  const primary = value?.trim().toLowerCase().split(/[-_]/)[0];
  return adminLanguages.find((l) => l === primary);
}

/** The first of the browser's languages the page speaks, if any. */
export const browserAdminLang = (): AdminLang | undefined => navigator.languages.map((l) => toAdminLang(l)).find((l) => l !== undefined);
