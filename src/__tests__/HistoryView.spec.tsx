import { nullTranslator } from '@jupyterlab/translation';
import * as React from 'react';
import { createRoot, Root } from 'react-dom/client';

import { PanelView } from '../components/PanelView';
import { DvcS3Model } from '../model';
import { FakeApi, makeJob, makeModel, makeVersion } from './fakeApi';

const trans = nullTranslator.load('jupyter_dvc_s3');
const PATH = 'pkl/model.pkl';

(
  globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }
).IS_REACT_ACT_ENVIRONMENT = true;

describe('PanelView versions', () => {
  let api: FakeApi;
  let model: DvcS3Model;
  let host: HTMLDivElement;
  let root: Root;

  const render = async (): Promise<void> => {
    await React.act(async () => {
      root.render(<PanelView model={model} locale="en" trans={trans} />);
    });
  };

  const click = async (selector: string): Promise<void> => {
    const element = host.querySelector<HTMLElement>(selector);
    if (!element) {
      throw new Error(`no element ${selector}`);
    }
    await React.act(async () => element.click());
  };

  beforeEach(() => {
    api = new FakeApi();
    api.models = [
      makeModel(PATH, {
        tracked: true,
        workspace: 'missing',
        remote: 'in_remote'
      }),
      makeModel('new.pkl')
    ];
    api.versions = [
      makeVersion('bbbbbbbbbb'),
      makeVersion('aaaaaaaaaa', { current: true, in_remote: false })
    ];
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

  it('shows state badges with tooltips', async () => {
    await model.setPath('');
    await render();

    const row = host.querySelector(`.jp-DvcS3-model[data-path="${PATH}"]`);
    const workspace = row?.querySelector('[data-kind="workspace"]');
    const remote = row?.querySelector('[data-kind="remote"]');

    expect(workspace?.getAttribute('data-value')).toBe('missing');
    expect(workspace?.getAttribute('title')).toContain('pull it from S3');
    expect(workspace?.querySelector('svg')).not.toBeNull();
    expect(remote?.getAttribute('data-value')).toBe('in_remote');
    expect(remote?.getAttribute('title')).toContain('S3 bucket');
  });

  it('offers pull and history on tracked rows only', async () => {
    await model.setPath('');
    await render();

    const tracked = `.jp-DvcS3-model[data-path="${PATH}"]`;
    const untracked = '.jp-DvcS3-model[data-path="new.pkl"]';

    expect(
      host.querySelector(`${tracked} [data-action="pull"]`)
    ).not.toBeNull();
    expect(
      host.querySelector(`${tracked} [data-action="history"]`)
    ).not.toBeNull();
    expect(host.querySelector(`${untracked} [data-action="pull"]`)).toBeNull();
    expect(
      host.querySelector(`${untracked} [data-action="history"]`)
    ).toBeNull();
  });

  it('starts a pull from the row', async () => {
    await model.setPath('');
    await render();

    await click(`.jp-DvcS3-model[data-path="${PATH}"] [data-action="pull"]`);

    expect(api.startJob).toHaveBeenCalledWith({ action: 'pull', path: PATH });
  });

  it('lists versions with stable selectors', async () => {
    await model.setPath('');
    await render();

    await click(`.jp-DvcS3-model[data-path="${PATH}"] [data-action="history"]`);
    await render();

    const view = host.querySelector('.jp-DvcS3-history');
    const items = Array.from(
      host.querySelectorAll('.jp-DvcS3-version[data-commit]')
    );

    expect(view?.getAttribute('data-path')).toBe(PATH);
    expect(items.map(item => item.getAttribute('data-commit'))).toEqual([
      'bbbbbbbbbb',
      'aaaaaaaaaa'
    ]);
    expect(items.map(item => item.getAttribute('data-current'))).toEqual([
      'false',
      'true'
    ]);
    expect(
      items[1].querySelector('[data-kind="missing-remote"]')
    ).not.toBeNull();
    expect(items[0].querySelector('[data-kind="missing-remote"]')).toBeNull();
    expect(items[0].querySelector('[data-action="restore"]')).not.toBeNull();
    expect(
      items[0].querySelector('[data-action="copy-version-s3-url"]')
    ).not.toBeNull();
    expect(items[0].querySelector('.jp-DvcS3-commit')?.textContent).toBe(
      'bbbbbbb'
    );
  });

  it('offers to save an older current version', async () => {
    await model.setPath('');
    await model.openHistory(PATH);
    await render();

    expect(host.querySelector('.jp-DvcS3-older-notice')).not.toBeNull();

    await click('[data-action="save-restored"]');

    expect(api.startJob).toHaveBeenCalledWith({
      action: 'version',
      path: PATH,
      message: 'Restore version aaaaaaa'
    });
  });

  it('has no notice when the newest is current', async () => {
    api.versions = [makeVersion('bbbbbbbbbb', { current: true })];
    await model.setPath('');
    await model.openHistory(PATH);
    await render();

    expect(host.querySelector('.jp-DvcS3-older-notice')).toBeNull();
  });

  it('shows progress with rate data', async () => {
    api.startJob.mockResolvedValueOnce(
      makeJob('running', {
        action: 'push',
        steps: [{ name: 'push', state: 'running' }],
        progress: { step: 'push', done: 1024, total: 4096, unit: 'bytes' }
      })
    );
    await model.setPath('');
    model.select(PATH);
    await model.run('push');
    await render();

    const progress = host.querySelector('.jp-DvcS3-progress');

    expect(progress?.getAttribute('data-done')).toBe('1024');
    expect(progress?.getAttribute('data-total')).toBe('4096');
    expect(progress?.textContent).toContain('1.0 KiB of 4.0 KiB');
  });
});
