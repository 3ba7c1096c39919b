/**
 * The caller panel's languages. Each dictionary is its own module (`en.ts`, `nl.ts`, `fr.ts`), loaded the first time
 * a panel shows that language, so the bundle carries none of them and adding a language costs it nothing.
 * `en.ts` defines the shape: a dictionary that misses a key fails the type check.
 */
import type { ErrorCode } from '../../../contract/lookup-api.js';
import type { strings as english } from './en.js';

export type Lang = 'nl' | 'en' | 'fr';
export const langs: readonly Lang[] = ['nl', 'en', 'fr'];

/** Failures the panel detects itself, next to the service's error codes. */
export type LocalErrorCode = 'network_error' | 'bad_response' | 'timeout' | 'cors_blocked';
export type PanelErrorCode = ErrorCode | LocalErrorCode;

export type Strings = typeof english;
/** A message for every code the panel can show; kept apart from the texts (errors are rare), loaded on the first. */
export type ErrorTexts = Record<PanelErrorCode, string>;

const loaders: Record<Lang, () => Promise<{ strings: Strings }>> = {
  nl: () => import('./nl.js'),
  en: () => import('./en.js'),
  fr: () => import('./fr.js'),
};
const errorLoaders: Record<Lang, () => Promise<{ errors: ErrorTexts }>> = {
  nl: () => import('./errors-nl.js'),
  en: () => import('./errors-en.js'),
  fr: () => import('./errors-fr.js'),
};

/** Loads each language's module once, keeps what it loaded; a failed load (offline) is tried again on the next call. */
function moduleCache<T>(load: (lang: Lang) => Promise<T>): { loaded: (lang: Lang) => T | undefined; load: (lang: Lang) => Promise<T> } {
  const done = new Map<Lang, T>();
  const running = new Map<Lang, Promise<T>>();
  return {
    loaded: (lang) => done.get(lang),
    load(lang) {
      let p = running.get(lang);
      if (!p) {
        p = load(lang).then(
          (value) => (done.set(lang, value), value),
          (error: unknown) => {
            running.delete(lang);
            throw error;
          },
        );
        running.set(lang, p);
      }
      return p;
    },
  };
}

const texts = moduleCache(async (lang) => (await loaders[lang]()).strings);
const errorTexts = moduleCache(async (lang) => (await errorLoaders[lang]()).errors);

/** The dictionary when it has been loaded already. */
export const loadedStrings = texts.loaded;
export const loadStrings = texts.load;
/** The error messages when they have been loaded already. */
export const loadedErrorTexts = errorTexts.loaded;
export const loadErrorTexts = errorTexts.load;

/** How long ago, in the dictionary's units: `12 s`, `3 min`, `2 h`. */
export function ageText(seconds: number, units: { s: string; min: string; h: string }): string {
  if (seconds < 60) return `${seconds} ${units.s}`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} ${units.min}`;
  return `${Math.floor(seconds / 3600)} ${units.h}`;
}
