import { nullTranslator } from '@jupyterlab/translation';
import * as React from 'react';
import { createRoot, Root } from 'react-dom/client';

import { PanelView } from '../components/PanelView';
import { DvcS3Model } from '../model';
import { FakeApi, makeJob, makeRepo } from './fakeApi';

const trans = nullTranslator.load('jupyter_dvc_s3');

// Lets React flush updates inside `act` without warnings.
(
  globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }
).IS_REACT_ACT_ENVIRONMENT = true;

describe('PanelView', () => {
  let api: FakeApi;
  let model: DvcS3Model;
  let host: HTMLDivElement;
  let root: Root;

  const render = async (): Promise<void> => {
    await React.act(async () => {
      root.render(<PanelView model={model} trans={trans} />);
    });
  };

  const button = (action: string): HTMLButtonElement => {
    const element = host.querySelector<HTMLButtonElement>(
      `button[data-action="${action}"]`
    );
    if (!element) {
      throw new Error(`no button ${action}`);
    }
    return element;
  };

  beforeEach(() => {
    api = new FakeApi();
    model = new DvcS3Model({ api, refreshInterval: 0 });
    host = document.createElement('div');
    document.body.appendChild(host);
    root = createRoot(host);
  });

  afterEach(async () => {
    await React.act(async () => root.unmount());
    host.remove();
    model.dispose();
  });

  it('lists models with their paths', async () => {
    await model.setPath('');
    await render();

    const rows = host.querySelectorAll('.jp-DvcS3-model');

    expect(Array.from(rows).map(row => row.getAttribute('data-path'))).toEqual([
      'pkl/model.pkl',
      'data/other.pkl'
    ]);
    expect(rows[0].getAttribute('data-tracked')).toBe('false');
    expect(rows[1].getAttribute('data-workspace')).toBe('unchanged');
  });

  it('disables the buttons without a selection', async () => {
    await model.setPath('');
    await render();

    for (const action of ['add', 'push', 'commit', 'version']) {
      expect(button(action).disabled).toBe(true);
    }
    expect(host.querySelector('button[data-action="refresh"]')).not.toBeNull();
  });

  it('selects a model on click', async () => {
    await model.setPath('');
    await render();

    await React.act(async () => {
      host
        .querySelector<HTMLElement>(
          '.jp-DvcS3-model[data-path="pkl/model.pkl"]'
        )
        ?.click();
    });
    await render();

    expect(model.selectedPath).toBe('pkl/model.pkl');
    expect(button('version').disabled).toBe(false);
    const input = host.querySelector<HTMLTextAreaElement>('.jp-DvcS3-message');
    expect(input?.value).toBe('Save version of pkl/model.pkl');
  });

  it('shows the steps of a running job', async () => {
    api.jobStates = [makeJob('running')];
    await model.setPath('');
    model.select('pkl/model.pkl');
    await model.run('version');
    await render();

    const steps = Array.from(host.querySelectorAll('.jp-DvcS3-step')).map(
      step => [step.getAttribute('data-step'), step.getAttribute('data-state')]
    );

    expect(steps).toEqual([
      ['add', 'pending'],
      ['push', 'pending'],
      ['commit', 'pending'],
      ['git_push', 'pending']
    ]);
    expect(button('version').disabled).toBe(true);
    expect(button('cancel').disabled).toBe(false);
  });

  it('shows the result with its S3 address', async () => {
    const s3Url = 's3://b-a/files/md5/df/175d022e2e43b425d1ea70adc439f6';
    api.startJob.mockResolvedValueOnce(
      makeJob('succeeded', {
        result: {
          md5: 'df175d022e2e43b425d1ea70adc439f6',
          size: 3 * 1024 * 1024,
          commit: '0123456789abcdef0123456789abcdef01234567',
          pushed_to: 'origin/dev',
          s3_url: s3Url
        }
      })
    );
    await model.setPath('');
    model.select('pkl/model.pkl');
    await model.run('version');
    await render();

    const result = host.querySelector('.jp-DvcS3-result');

    expect(result?.querySelector('.jp-DvcS3-s3url')?.textContent).toBe(s3Url);
    expect(result?.querySelector('.jp-DvcS3-commit')?.textContent).toBe(
      '0123456'
    );
    expect(result?.textContent).toContain('3.0 MiB');
    expect(result?.textContent).toContain('origin/dev');
    expect(button('copy-s3-url')).not.toBeNull();
  });

  it('shows the error code, message and hint', async () => {
    api.startJob.mockResolvedValueOnce(
      makeJob('failed', {
        error: {
          code: 'bucket_not_found',
          message: 'The bucket b-a does not exist.',
          hint: 'Create it or fix the remote URL.',
          step: 'push'
        }
      })
    );
    await model.setPath('');
    model.select('pkl/model.pkl');
    await model.run('version');
    await render();

    const error = host.querySelector('.jp-DvcS3-error');

    expect(error?.getAttribute('data-code')).toBe('bucket_not_found');
    expect(error?.textContent).toContain('The bucket b-a does not exist.');
    expect(error?.textContent).toContain('Create it or fix the remote URL.');
  });

  it('explains a folder outside git', async () => {
    api.repo = makeRepo({ git_root: null, dvc_initialized: false });
    await model.setPath('scratch');
    await render();

    const notice = host.querySelector('.jp-DvcS3-notice');

    expect(notice?.getAttribute('data-status')).toBe('no_git');
    expect(host.querySelector('.jp-DvcS3-models')).toBeNull();
    expect(button('init').disabled).toBe(false);
  });

  it('explains a repo without DVC', async () => {
    api.repo = makeRepo({ dvc_initialized: false });
    await model.setPath('proj');
    await render();

    expect(
      host.querySelector('.jp-DvcS3-notice')?.getAttribute('data-status')
    ).toBe('no_dvc');
  });

  it('warns about a missing DVC remote', async () => {
    api.repo = makeRepo({ remotes: [] });
    await model.setPath('');
    await render();

    expect(
      host.querySelector('.jp-DvcS3-notice')?.getAttribute('data-status')
    ).toBe('no_remote');
  });
});
