import { TranslationBundle } from '@jupyterlab/translation';

const SIZE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/**
 * Format a size in bytes with binary units, such as `1.5 MiB`.
 *
 * Values below 10 in their unit keep one decimal. Null, negative and
 * non-finite sizes give an empty string.
 */
export function formatSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) {
    return '';
  }
  if (!Number.isFinite(bytes) || bytes < 0) {
    return '';
  }

  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }

  if (unit === 0) {
    return `${bytes} B`;
  }
  const digits = value < 10 ? 1 : 0;
  return `${value.toFixed(digits)} ${SIZE_UNITS[unit]}`;
}

/**
 * Format the progress of a transfer, such as `12.0 MiB of 1.0 GiB` or
 * `3 of 10 files`.
 */
export function formatProgress(
  done: number,
  total: number | null | undefined,
  unit: 'bytes' | 'files',
  trans: TranslationBundle
): string {
  const hasTotal = total !== null && total !== undefined;
  if (unit === 'bytes') {
    return hasTotal
      ? trans.__('%1 of %2', formatSize(done), formatSize(total))
      : formatSize(done);
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
  trans: TranslationBundle
): string {
  if (rate === null || !Number.isFinite(rate) || rate < 0) {
    return '';
  }
  if (unit === 'bytes') {
    return trans.__('%1/s', formatSize(Math.round(rate)));
  }
  return trans.__('%1 files/s', rate.toFixed(1));
}

/**
 * Format an ISO 8601 time as a date and time in a locale, such as the
 * JupyterLab language. An unknown locale falls back to the browser's, and
 * a text that is no time is returned unchanged.
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
    return new Intl.DateTimeFormat(toBcp47(locale), options).format(date);
  } catch {
    return new Intl.DateTimeFormat(undefined, options).format(date);
  }
}

/**
 * Turn a language code such as `zh_CN` into the tag `zh-CN` that `Intl`
 * accepts; `default` and `''` give the browser's locale.
 */
function toBcp47(locale: string | undefined): string | undefined {
  if (!locale || locale === 'default') {
    return undefined;
  }
  return locale.replace(/_/g, '-');
}
