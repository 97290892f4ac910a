import { nullTranslator } from '@jupyterlab/translation';

import {
  formatDate,
  formatProgress,
  formatRate,
  formatSize,
  resolveLocale
} from '../format';
import { loadRussianBundle } from './russianBundle';

const english = nullTranslator.load('jupyter_dvc_s3');
const russian = loadRussianBundle();

describe('formatSize in Russian', () => {
  it.each([
    [0, '0 Б'],
    [1023, '1023 Б'],
    [1536, '1,5 КБ'],
    [10 * 1024, '10 КБ'],
    [1.5 * 1024 ** 2, '1,5 МБ'],
    [1.5 * 1024 ** 3, '1,5 ГБ'],
    [2 * 1024 ** 4, '2,0 ТБ'],
    [3 * 1024 ** 5, '3,0 ПБ']
  ])('formats %p bytes as %p', (bytes, text) => {
    expect(formatSize(bytes, russian, 'ru_RU')).toBe(text);
  });

  it('keeps English units without a bundle', () => {
    expect(formatSize(1536, undefined, 'ru_RU')).toBe('1,5 KiB');
  });

  it('keeps English numbers and units in English', () => {
    expect(formatSize(1536, english, 'en')).toBe('1.5 KiB');
  });
});

describe('formatProgress in Russian', () => {
  it('formats bytes with a total', () => {
    expect(formatProgress(512, 2048, 'bytes', russian, 'ru_RU')).toBe(
      '512 Б из 2,0 КБ'
    );
  });

  it.each([
    [1, 1, '1 из 1 файла'],
    [2, 3, '2 из 3 файлов'],
    [5, 21, '5 из 21 файла'],
    [7, 11, '7 из 11 файлов']
  ])('formats %p of %p files', (done, total, text) => {
    expect(formatProgress(done, total, 'files', russian, 'ru_RU')).toBe(text);
  });

  it.each([
    [1, '1 файл'],
    [3, '3 файла'],
    [5, '5 файлов'],
    [11, '11 файлов'],
    [22, '22 файла']
  ])('formats %p files without a total', (done, text) => {
    expect(formatProgress(done, null, 'files', russian, 'ru_RU')).toBe(text);
  });
});

describe('formatRate in Russian', () => {
  it('formats bytes per second', () => {
    expect(formatRate(2.5 * 1024 ** 2, 'bytes', russian, 'ru_RU')).toBe(
      '2,5 МБ/с'
    );
  });

  it('formats files per second', () => {
    expect(formatRate(3, 'files', russian, 'ru_RU')).toBe('3,0 файла/с');
  });
});

describe('formatDate in Russian', () => {
  it('uses Russian month names', () => {
    const text = formatDate('2026-12-04T12:00:00Z', 'ru_RU');

    expect(text).toContain('4 дек. 2026 г.');
  });
});

describe('resolveLocale', () => {
  afterEach(() => {
    document.documentElement.lang = '';
  });

  it('turns underscores into dashes', () => {
    expect(resolveLocale('ru_RU')).toBe('ru-RU');
  });

  it('gives the browser locale for default', () => {
    expect(resolveLocale('default')).toBeUndefined();
  });

  it('takes the page language without a code', () => {
    document.documentElement.lang = 'ru-RU';

    expect(resolveLocale()).toBe('ru-RU');
    expect(formatSize(1536, russian)).toBe('1,5 КБ');
  });

  it('gives the browser locale without a code or page language', () => {
    expect(resolveLocale()).toBeUndefined();
  });
});
