import { nullTranslator } from '@jupyterlab/translation';
import * as React from 'react';
import { createRoot, Root } from 'react-dom/client';

import { ErrorBox } from '../components/ErrorBox';
import { errorText, localizeError } from '../errorMessages';
import { IErrorInfo } from '../tokens';
import { loadRussianBundle } from './russianBundle';

(
  globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }
).IS_REACT_ACT_ENVIRONMENT = true;

const english = nullTranslator.load('jupyter_dvc_s3');
const russian = loadRussianBundle();

/**
 * The error codes of the REST API, and `unauthorized` of a refused login.
 */
const CODES = [
  'invalid_request',
  'outside_root',
  'not_found',
  'not_a_git_repo',
  'dvc_not_initialized',
  'no_remote',
  'bucket_not_found',
  'access_denied',
  'no_credentials',
  'endpoint_unreachable',
  'timeout',
  'tracked_by_git',
  'path_ignored',
  'no_git_identity',
  'no_git_remote',
  'push_rejected',
  'detached_head',
  'unsaved_changes',
  'repo_busy',
  'cancelled',
  'internal',
  'unauthorized'
];

const CYRILLIC = /[А-Яа-яЁё]/;

const bucketError: IErrorInfo = {
  code: 'bucket_not_found',
  message: "The bucket 'b-missing' does not exist.",
  hint: 'Check the bucket name in the remote URL.'
};

describe('errorText', () => {
  it.each(CODES)('has an English text for %s', code => {
    const text = errorText(code, english);

    expect(text).not.toBeNull();
    expect(text?.message).not.toBe('');
    expect(text?.hint).not.toBe('');
  });

  it.each(CODES)('has a Russian text for %s', code => {
    const text = errorText(code, russian);
    const source = errorText(code, english);

    expect(text?.message).toMatch(CYRILLIC);
    expect(text?.hint).toMatch(CYRILLIC);
    expect(text?.message).not.toBe(source?.message);
    expect(text?.hint).not.toBe(source?.hint);
  });

  it('returns null for an unknown code', () => {
    expect(errorText('no_such_code', russian)).toBeNull();
  });
});

describe('localizeError', () => {
  it('translates a known code and keeps the server message', () => {
    const error = localizeError(bucketError, russian);

    expect(error.code).toBe('bucket_not_found');
    expect(error.message).toBe('Бакет S3 не существует.');
    expect(error.hint).toMatch(CYRILLIC);
    expect(error.detail).toBe("The bucket 'b-missing' does not exist.");
  });

  it('keeps the server text in English', () => {
    const error = localizeError(bucketError, english);

    expect(error.message).toBe(bucketError.message);
    expect(error.hint).toBe(bucketError.hint);
    expect(error.detail).toBeNull();
  });

  it('keeps the server text of an unknown code', () => {
    const unknown = {
      code: 'network_error',
      message: 'Не удалось выполнить запрос.',
      hint: 'Проверьте сеть.'
    };
    const error = localizeError(unknown, russian);

    expect(error.message).toBe(unknown.message);
    expect(error.hint).toBe(unknown.hint);
    expect(error.detail).toBeNull();
  });

  it('leaves out an empty server message', () => {
    const error = localizeError({ ...bucketError, message: '' }, russian);

    expect(error.detail).toBeNull();
  });
});

describe('ErrorBox', () => {
  let host: HTMLDivElement;
  let root: Root;

  beforeEach(() => {
    host = document.createElement('div');
    document.body.appendChild(host);
    root = createRoot(host);
  });

  afterEach(() => {
    React.act(() => root.unmount());
    host.remove();
  });

  const text = (selector: string): string | null =>
    host.querySelector(selector)?.textContent ?? null;

  it('shows a Russian error with the server message', async () => {
    await React.act(async () => {
      root.render(<ErrorBox error={bucketError} trans={russian} />);
    });

    expect(text('.jp-DvcS3-errorMessage')).toBe('Бакет S3 не существует.');
    expect(text('.jp-DvcS3-errorHint')).toMatch(CYRILLIC);
    expect(text('.jp-DvcS3-errorDetail')).toContain(bucketError.message);
    expect(
      host.querySelector('.jp-DvcS3-errorDetail [lang="en"]')
    ).not.toBeNull();
    expect(text('.jp-DvcS3-errorCode')).toContain('bucket_not_found');
  });

  it('shows the server text in English', async () => {
    await React.act(async () => {
      root.render(<ErrorBox error={bucketError} trans={english} />);
    });

    expect(text('.jp-DvcS3-errorMessage')).toBe(bucketError.message);
    expect(text('.jp-DvcS3-errorHint')).toBe(bucketError.hint);
    expect(host.querySelector('.jp-DvcS3-errorDetail')).toBeNull();
  });
});
