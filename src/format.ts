import { nullTranslator, TranslationBundle } from '@jupyterlab/translation';

import { TRANSLATION_DOMAIN } from './tokens';

/**
 * Bundle that returns the English source strings, for callers without one.
 */
const ENGLISH = nullTranslator.load(TRANSLATION_DOMAIN);

/**
 * Format a size in bytes with binary units, such as `1.5 MiB`, or `1,5 МБ`
 * in Russian.
 *
 * Values below 10 in their unit keep one decimal. Null, negative and
 * non-finite sizes give an empty string.
 *
 * @param trans Bundle that translates the unit names; English without it.
 * @param locale Language code for the number, such as `ru_RU`; the
 *   JupyterLab language when left out (see `resolveLocale`).
 */
export function formatSize(
  bytes: number | null | undefined,
  trans?: TranslationBundle,
  locale?: string
): string {
  if (bytes === null || bytes === undefined) {
    return '';
  }
  if (!Number.isFinite(bytes) || bytes < 0) {
    return '';
  }

  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < MAX_SIZE_UNIT) {
    value /= 1024;
    unit += 1;
  }

  const digits = unit === 0 || value >= 10 ? 0 : 1;
  const number = formatNumber(unit === 0 ? bytes : value, digits, locale);
  return `${number} ${sizeUnit(unit, trans ?? ENGLISH)}`;
}

/**
 * Index of the largest unit that `sizeUnit` names.
 */
const MAX_SIZE_UNIT = 5;

/**
 * Return the name of the binary size unit of 1024 ** `power` bytes.
 */
function sizeUnit(power: number, trans: TranslationBundle): string {
  switch (power) {
    case 0:
      return trans._p('size unit', 'B');
    case 1:
      return trans._p('size unit', 'KiB');
    case 2:
      return trans._p('size unit', 'MiB');
    case 3:
      return trans._p('size unit', 'GiB');
    case 4:
      return trans._p('size unit', 'TiB');
    default:
      return trans._p('size unit', 'PiB');
  }
}

/**
 * Format a number with a fixed count of decimals in a locale, without
 * digit grouping, such as `1.5` in English and `1,5` in Russian.
 */
function formatNumber(
  value: number,
  digits: number,
  locale: string | undefined
): string {
  const options: Intl.NumberFormatOptions = {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    useGrouping: false
  };
  try {
    return new Intl.NumberFormat(resolveLocale(locale), options).format(value);
  } catch {
    return new Intl.NumberFormat(undefined, options).format(value);
  }
}

/**
 * Format the progress of a transfer, such as `12.0 MiB of 1.0 GiB` or
 * `3 of 10 files`.
 */
export function formatProgress(
  done: number,
  total: number | null | undefined,
  unit: 'bytes' | 'files',
  trans: TranslationBundle,
  locale?: string
): string {
  const hasTotal = total !== null && total !== undefined;
  if (unit === 'bytes') {
    return hasTotal
      ? trans.__(
          '%1 of %2',
          formatSize(done, trans, locale),
          formatSize(total, trans, locale)
        )
      : formatSize(done, trans, locale);
  }
  return hasTotal
    ? trans._n('%2 of %1 file', '%2 of %1 files', total, done)
    : trans._n('%1 file', '%1 files', done);
}

/**
 * Shorten a git commit sha to its first seven characters.
 */
export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/**
 * Return the folder part of an API path; the server root is `''`.
 */
export function dirname(path: string): string {
  const index = path.lastIndexOf('/');
  return index === -1 ? '' : path.slice(0, index);
}

/**
 * Return `path` relative to the folder `root`, or `path` unchanged when it
 * does not lie under `root`. Both are `/`-separated API paths.
 */
export function relativePath(path: string, root: string | null): string {
  if (!root) {
    return path;
  }
  const prefix = root.endsWith('/') ? root : `${root}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/**
 * Fill the `{path}` placeholder of a commit message template.
 */
export function fillMessageTemplate(template: string, path: string): string {
  return template.split('{path}').join(path);
}

/**
 * Format a transfer rate in units per second, such as `2.5 MiB/s` or
 * `3 files/s`. A null, negative or non-finite rate gives `''`.
 */
export function formatRate(
  rate: number | null,
  unit: 'bytes' | 'files',
  trans: TranslationBundle,
  locale?: string
): string {
  if (rate === null || !Number.isFinite(rate) || rate < 0) {
    return '';
  }
  if (unit === 'bytes') {
    return trans.__('%1/s', formatSize(Math.round(rate), trans, locale));
  }
  return trans.__('%1 files/s', formatNumber(rate, 1, locale));
}

/**
 * Format an ISO 8601 time as a date and time in a locale, such as
 * `Dec 4, 2026, 3:00 PM` in English or `4 дек. 2026 г., 15:00` in Russian.
 *
 * Without `locale` it uses the JupyterLab language (see `resolveLocale`).
 * An unknown locale falls back to the browser's, and a text that is no time
 * is returned unchanged.
 */
export function formatDate(iso: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  const options: Intl.DateTimeFormatOptions = {
    dateStyle: 'medium',
    timeStyle: 'short'
  };
  try {
    return new Intl.DateTimeFormat(resolveLocale(locale), options).format(date);
  } catch {
    return new Intl.DateTimeFormat(undefined, options).format(date);
  }
}

/**
 * Return the `Intl` locale tag for a JupyterLab language code.
 *
 * `zh_CN` becomes `zh-CN`. Without a code it takes the `lang` attribute of
 * the page, which JupyterLab 4 sets to the language of its interface.
 * `default` and `''` give the browser's locale.
 */
export function resolveLocale(locale?: string): string | undefined {
  const code = locale ?? pageLanguage();
  if (!code || code === 'default') {
    return undefined;
  }
  return code.replace(/_/g, '-');
}

/**
 * Return the `lang` attribute of the page, or `''` outside a browser.
 */
function pageLanguage(): string {
  return typeof document === 'undefined' ? '' : document.documentElement.lang;
}
