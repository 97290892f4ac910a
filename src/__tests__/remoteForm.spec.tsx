import { nullTranslator } from '@jupyterlab/translation';
import * as React from 'react';
import { createRoot, Root } from 'react-dom/client';

import { ApiError } from '../api';
import { RemoteForm } from '../components/RemoteForm';
import { validateIdentity } from '../identity';
import {
  buildRemoteSettings,
  initialFormValues,
  IRemoteFormValues,
  validateRemoteForm
} from '../remoteForm';
import { ICheckResult, IRemote } from '../tokens';

const trans = nullTranslator.load('jupyter_dvc_s3');

(
  globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }
).IS_REACT_ACT_ENVIRONMENT = true;

const STORED: IRemote = {
  name: 'storage',
  url: 's3://b-a/models',
  endpointurl: 'http://127.0.0.1:5555',
  region: null,
  profile: null,
  default: true,
  credentials: 'local'
};

function values(overrides: Partial<IRemoteFormValues> = {}) {
  return { ...initialFormValues(null, true), ...overrides };
}

describe('validateRemoteForm', () => {
  it('accepts an S3 URL with a prefix', () => {
    expect(
      validateRemoteForm(values({ url: 's3://b-a/fresh' }), trans)
    ).toEqual({});
  });

  it.each([
    ['', 'Enter the S3 URL'],
    ['https://b-a/fresh', 'is not an S3 URL'],
    ['s3://', 'bucket name'],
    ['s3://B_A/x', 'bucket name']
  ])('rejects the URL %p', (url, message) => {
    const errors = validateRemoteForm(values({ url }), trans);

    expect(errors.url).toContain(message);
  });

  it('rejects an invalid name and endpoint', () => {
    const errors = validateRemoteForm(
      values({ name: 'my remote', url: 's3://b-a', endpointurl: 'minio:9000' }),
      trans
    );

    expect(errors.name).toContain('my remote');
    expect(errors.endpointurl).toContain('minio:9000');
  });
});

describe('buildRemoteSettings', () => {
  it('leaves out empty key fields', () => {
    const settings = buildRemoteSettings(
      values({ url: ' s3://b-a/fresh ', endpointurl: 'http://127.0.0.1:5555' })
    );

    expect(settings).toEqual({
      url: 's3://b-a/fresh',
      endpointurl: 'http://127.0.0.1:5555',
      region: '',
      profile: '',
      default: true
    });
  });

  it('sends keys that are filled in', () => {
    const settings = buildRemoteSettings(
      values({ url: 's3://b-a', access_key_id: 'AKIA', secret_access_key: 's' })
    );

    expect(settings.access_key_id).toBe('AKIA');
    expect(settings.secret_access_key).toBe('s');
  });

  it('sends empty keys to remove them', () => {
    const settings = buildRemoteSettings(
      values({ url: 's3://b-a', access_key_id: 'AKIA' }),
      true
    );

    expect(settings.access_key_id).toBe('');
    expect(settings.secret_access_key).toBe('');
  });
});

describe('validateIdentity', () => {
  it('accepts a name and an email', () => {
    expect(
      validateIdentity({ name: 'Ada', email: 'ada@example.com' }, trans)
    ).toBeNull();
  });

  it.each([
    [{ name: ' ', email: 'ada@example.com' }, 'name'],
    [{ name: 'Ada', email: '' }, 'email'],
    [{ name: 'Ada', email: 'ada@localhost' }, 'invalid'],
    [{ name: 'Ada', email: 'ada example.com' }, 'invalid']
  ])('rejects %p', (identity, message) => {
    expect(validateIdentity(identity, trans)).toContain(message);
  });
});

describe('RemoteForm', () => {
  let host: HTMLDivElement;
  let root: Root;
  let onSave: jest.Mock;
  let onCheck: jest.Mock<Promise<ICheckResult>>;

  const render = async (remotes: IRemote[]): Promise<void> => {
    await React.act(async () => {
      root.render(
        <RemoteForm
          remotes={remotes}
          onSave={onSave}
          onCheck={onCheck}
          trans={trans}
        />
      );
    });
  };

  const input = (name: string): HTMLInputElement => {
    const element = host.querySelector<HTMLInputElement>(
      `.jp-DvcS3-remote-form input[name="${name}"]`
    );
    if (!element) {
      throw new Error(`no input ${name}`);
    }
    return element;
  };

  // React tracks input values itself, so a test sets them through the
  // native setter and sends an input event.
  const type = async (name: string, value: string): Promise<void> => {
    const element = input(name);
    const setter = Object.getOwnPropertyDescriptor(
      HTMLInputElement.prototype,
      'value'
    )?.set;
    await React.act(async () => {
      setter?.call(element, value);
      element.dispatchEvent(new Event('input', { bubbles: true }));
    });
  };

  const click = async (action: string): Promise<void> => {
    const button = host.querySelector<HTMLButtonElement>(
      `button[data-action="${action}"]`
    );
    if (!button) {
      throw new Error(`no button ${action}`);
    }
    await React.act(async () => {
      button.click();
    });
  };

  beforeEach(() => {
    onSave = jest.fn(async (name: string) => ({ ...STORED, name }));
    onCheck = jest.fn(async () => ({ ok: true, url: 's3://b-a/models' }));
    host = document.createElement('div');
    document.body.appendChild(host);
    root = createRoot(host);
  });

  afterEach(async () => {
    await React.act(async () => root.unmount());
    host.remove();
  });

  it('opens on the stored remote with empty keys', async () => {
    await render([STORED]);

    expect(input('name').value).toBe('storage');
    expect(input('url').value).toBe('s3://b-a/models');
    expect(input('access_key_id').value).toBe('');
    expect(input('access_key_id').type).toBe('password');
    expect(input('secret_access_key').placeholder).toContain(
      '.dvc/config.local'
    );
    expect(input('default').checked).toBe(true);
    const credentials = host.querySelector('.jp-DvcS3-credentials');
    expect(credentials?.getAttribute('data-source')).toBe('local');
  });

  it('shows an invalid URL and sends nothing', async () => {
    await render([]);
    await type('url', 'b-a/fresh');

    await click('save-remote');

    expect(onSave).not.toHaveBeenCalled();
    const error = host.querySelector('.jp-DvcS3-fieldError[data-field="url"]');
    expect(error?.textContent).toContain('s3://bucket/prefix');
  });

  it('sends the settings with the typed keys', async () => {
    await render([]);
    await type('url', 's3://b-a/fresh');
    await type('endpointurl', 'http://127.0.0.1:5555');
    await type('access_key_id', 'AKIA');
    await type('secret_access_key', 'secret');

    await click('save-remote');

    expect(onSave).toHaveBeenCalledWith('storage', {
      url: 's3://b-a/fresh',
      endpointurl: 'http://127.0.0.1:5555',
      region: '',
      profile: '',
      access_key_id: 'AKIA',
      secret_access_key: 'secret',
      default: true
    });
    expect(input('access_key_id').value).toBe('');
    expect(input('secret_access_key').value).toBe('');
  });

  it('removes stored keys on request', async () => {
    await render([STORED]);

    await click('remove-keys');

    expect(onSave).toHaveBeenCalledTimes(1);
    const settings = onSave.mock.calls[0][1];
    expect(settings.access_key_id).toBe('');
    expect(settings.secret_access_key).toBe('');
  });

  it('shows a server error next to the form', async () => {
    onSave.mockRejectedValueOnce(
      new ApiError(
        400,
        'invalid_request',
        "The endpoint URL 'x' is invalid.",
        'Use https://host.'
      )
    );
    await render([STORED]);

    await click('save-remote');

    const error = host.querySelector('.jp-DvcS3-remote-form .jp-DvcS3-error');
    expect(error?.getAttribute('data-code')).toBe('invalid_request');
    expect(error?.textContent).toContain("The endpoint URL 'x' is invalid.");
  });

  it('shows a successful check', async () => {
    await render([STORED]);

    await click('check-remote');

    expect(onCheck).toHaveBeenCalledWith('storage');
    const check = host.querySelector('.jp-DvcS3-check');
    expect(check?.getAttribute('data-ok')).toBe('true');
    expect(check?.textContent).toContain('s3://b-a/models');
  });

  it('shows a failed check with its hint and code', async () => {
    onCheck.mockResolvedValueOnce({
      ok: false,
      code: 'access_denied',
      message: 'S3 refused the keys: the clock is 20 minutes off.',
      hint: 'Set the clock, then retry.'
    });
    await render([STORED]);

    await click('check-remote');

    const check = host.querySelector('.jp-DvcS3-check');
    expect(check?.getAttribute('data-ok')).toBe('false');
    expect(check?.getAttribute('data-code')).toBe('access_denied');
    expect(check?.textContent).toContain('clock is 20 minutes off');
    expect(check?.textContent).toContain('Set the clock, then retry.');
  });
});
