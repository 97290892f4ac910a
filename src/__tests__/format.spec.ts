import { nullTranslator } from '@jupyterlab/translation';

import {
  dirname,
  fillMessageTemplate,
  formatDate,
  formatProgress,
  formatRate,
  formatSize,
  relativePath,
  shortSha
} from '../format';

const trans = nullTranslator.load('jupyter_dvc_s3');

describe('formatSize', () => {
  it.each([
    [0, '0 B'],
    [1, '1 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [1536, '1.5 KiB'],
    [10 * 1024, '10 KiB'],
    [1024 * 1024 - 1, '1024 KiB'],
    [1024 * 1024, '1.0 MiB'],
    [5 * 1024 ** 3, '5.0 GiB'],
    [1.5 * 1024 ** 4, '1.5 TiB']
  ])('formats %p bytes as %p', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });

  it('returns an empty string without a size', () => {
    expect(formatSize(null)).toBe('');
    expect(formatSize(undefined)).toBe('');
    expect(formatSize(-1)).toBe('');
    expect(formatSize(Number.NaN)).toBe('');
  });
});

describe('formatProgress', () => {
  it('formats bytes with a total', () => {
    expect(formatProgress(512, 2048, 'bytes', trans)).toBe('512 B of 2.0 KiB');
  });

  it('formats bytes without a total', () => {
    expect(formatProgress(3 * 1024 ** 2, null, 'bytes', trans)).toBe('3.0 MiB');
  });

  it('formats files with a total', () => {
    expect(formatProgress(3, 10, 'files', trans)).toBe('3 of 10 files');
  });

  it('formats one file without a total', () => {
    expect(formatProgress(1, undefined, 'files', trans)).toBe('1 file');
  });
});

describe('paths', () => {
  it('shortens a sha to seven characters', () => {
    expect(shortSha('0123456789abcdef')).toBe('0123456');
  });

  it('returns the folder of a path', () => {
    expect(dirname('proj/pkl/model.pkl')).toBe('proj/pkl');
    expect(dirname('model.pkl')).toBe('');
  });

  it('makes a path relative to a folder', () => {
    expect(relativePath('proj/pkl/model.pkl', 'proj')).toBe('pkl/model.pkl');
    expect(relativePath('proj/pkl/model.pkl', 'proj/')).toBe('pkl/model.pkl');
    expect(relativePath('pkl/model.pkl', '')).toBe('pkl/model.pkl');
    expect(relativePath('pkl/model.pkl', null)).toBe('pkl/model.pkl');
  });

  it('keeps a path outside the folder', () => {
    expect(relativePath('projector/model.pkl', 'proj')).toBe(
      'projector/model.pkl'
    );
  });

  it('fills every path placeholder', () => {
    expect(fillMessageTemplate('Save {path} ({path})', 'a.pkl')).toBe(
      'Save a.pkl (a.pkl)'
    );
  });
});

describe('formatRate', () => {
  it('formats bytes per second', () => {
    expect(formatRate(2.5 * 1024 * 1024, 'bytes', trans)).toBe('2.5 MiB/s');
  });

  it('formats files per second', () => {
    expect(formatRate(3, 'files', trans)).toBe('3.0 files/s');
  });

  it('is empty for an unknown rate', () => {
    expect(formatRate(null, 'bytes', trans)).toBe('');
    expect(formatRate(-1, 'bytes', trans)).toBe('');
  });
});

describe('formatDate', () => {
  it('formats in the given locale', () => {
    const text = formatDate('2026-12-04T15:00:00Z', 'en');

    expect(text).toContain('2026');
    expect(text).toContain('Dec');
  });

  it('accepts underscore language codes', () => {
    expect(formatDate('2026-12-04T15:00:00Z', 'zh_CN')).toContain('2026');
  });

  it('falls back for an invalid locale', () => {
    expect(formatDate('2026-12-04T15:00:00Z', '!!')).toContain('2026');
  });

  it('returns text that is no date unchanged', () => {
    expect(formatDate('yesterday', 'en')).toBe('yesterday');
  });
});
