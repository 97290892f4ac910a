import * as path from 'path';

import { expect, test } from '@jupyterlab/galata';

/**
 * The server root is the test project, a git + DVC repo whose remote is an
 * S3 mock, and demo/run.py --ui-tests builds it anew for every run. The test
 * opens JupyterLab at that root itself, so Galata makes no per-test folder.
 */
test.use({ autoGoto: false, tmpPath: '' });

const MODEL_PATH = 'pkl/model.pkl';
const STEP_NAMES = ['add', 'push', 'commit', 'git_push'];
const S3_URL = /s3:\/\/b-a\/files\/md5\/[0-9a-f]{2}\/[0-9a-f]{30}/;
const SCREENSHOT_PATH = path.resolve(
  __dirname,
  '..',
  '..',
  'docs',
  'images',
  'panel.png'
);

test('save version of model', async ({ page, request }) => {
  await page.goto();
  await page.evaluate(async () => {
    await window.jupyterapp.commands.execute('dvc-s3:open-panel');
  });
  const panel = page.sidebar.getContentPanelLocator('left');

  const model = panel.locator(`.jp-DvcS3-model[data-path="${MODEL_PATH}"]`);
  await model.click();
  await panel.locator('[data-action="version"]').click();

  const steps = panel.locator('.jp-DvcS3-step');
  await expect(steps).toHaveCount(STEP_NAMES.length);
  for (const [index, name] of STEP_NAMES.entries()) {
    const step = steps.nth(index);
    await expect(step).toHaveAttribute('data-step', name);
    await expect(step, `step ${name} should succeed`).toHaveAttribute(
      'data-state',
      'succeeded',
      { timeout: 60_000 }
    );
  }

  const s3Url = panel.locator('.jp-DvcS3-s3url').first();
  await expect(s3Url).toContainText(S3_URL);
  const shownUrl = ((await s3Url.textContent()) ?? '').match(S3_URL)?.[0];

  // The server must agree with the panel: the model is tracked, its data is
  // in the bucket at the address shown, and one git commit records it.
  const fetchSavedModel = async () => {
    const response = await request.get('/dvc-s3/models?path=');
    expect(response.ok()).toBe(true);
    const { models } = await response.json();
    return models.find((item: { path: string }) => item.path === MODEL_PATH);
  };
  // The server checks the bucket in the background, so the remote state is
  // "unknown" until that check ends.
  await expect
    .poll(async () => (await fetchSavedModel())?.remote, { timeout: 30_000 })
    .toBe('in_remote');
  const saved = await fetchSavedModel();
  expect(saved, `${MODEL_PATH} should be listed`).toBeDefined();
  expect(saved.tracked).toBe(true);
  expect(saved.workspace).toBe('unchanged');
  expect(saved.s3_url).toBe(shownUrl);

  const historyResponse = await request.get(
    `/dvc-s3/models/history?path=${encodeURIComponent(MODEL_PATH)}`
  );
  expect(historyResponse.ok()).toBe(true);
  const { versions } = await historyResponse.json();
  expect(versions).toHaveLength(1);
  expect(versions[0].current).toBe(true);
  expect(versions[0].s3_url).toBe(shownUrl);
  expect(versions[0].in_remote).toBe(true);

  // The panel lists the model's remote state from its last refresh, taken
  // before the server's bucket check ended.
  // TODO: wait for a data-remote="in_remote" attribute on the model row
  // once the panel sets one, instead of only clicking Refresh.
  await panel.locator('[data-action="refresh"]').click();
  await expect(model).toHaveAttribute('data-tracked', 'true');
  await expect(model).toHaveAttribute('data-workspace', 'unchanged');
  await panel.screenshot({ path: SCREENSHOT_PATH });
});
