import * as path from 'path';

import { expect, test } from '@jupyterlab/galata';
import type { APIRequestContext } from '@playwright/test';

/**
 * Saves three versions of a model through the REST API, then restores the
 * oldest one from the panel's history view.
 */
test.use({ autoGoto: false, tmpPath: '' });

const MODEL_PATH = 'pkl/history.pkl';
const CONTENTS = ['first weights', 'second weights', 'third weights'];
const SCREENSHOT_PATH = path.resolve(
  __dirname,
  '..',
  '..',
  'docs',
  'images',
  'history.png'
);

async function writeModel(request: APIRequestContext, content: string) {
  const response = await request.put(`/api/contents/${MODEL_PATH}`, {
    data: { type: 'file', format: 'text', content }
  });
  expect(response.ok()).toBe(true);
}

async function saveVersion(request: APIRequestContext, message: string) {
  const started = await request.post('/dvc-s3/jobs', {
    data: { action: 'version', path: MODEL_PATH, message }
  });
  expect(started.status()).toBe(202);
  const { id } = await started.json();
  await expect
    .poll(
      async () => {
        const response = await request.get(`/dvc-s3/jobs/${id}`);
        return (await response.json()).state;
      },
      { timeout: 60_000 }
    )
    .toBe('succeeded');
}

async function readModel(request: APIRequestContext): Promise<string> {
  const response = await request.get(
    `/api/contents/${MODEL_PATH}?type=file&format=text&content=1`
  );
  expect(response.ok()).toBe(true);
  return (await response.json()).content;
}

test('restore oldest version from history', async ({ page, request }) => {
  for (const [index, content] of CONTENTS.entries()) {
    await writeModel(request, content);
    await saveVersion(request, `History version ${index + 1}`);
  }
  const historyResponse = await request.get(
    `/dvc-s3/models/history?path=${encodeURIComponent(MODEL_PATH)}`
  );
  const { versions } = await historyResponse.json();
  expect(versions).toHaveLength(3);
  const oldest = versions[2];

  await page.goto();
  await page.evaluate(async () => {
    await window.jupyterapp.commands.execute('dvc-s3:open-panel');
  });
  const panel = page.sidebar.getContentPanelLocator('left');
  const row = panel.locator(`.jp-DvcS3-model[data-path="${MODEL_PATH}"]`);
  await row.locator('[data-action="history"]').click();

  const history = panel.locator('.jp-DvcS3-history');
  const items = history.locator('.jp-DvcS3-version');
  await expect(items).toHaveCount(3);
  await expect(items.first()).toHaveAttribute('data-current', 'true');
  await expect(history).toContainText('History version 1');

  const oldestItem = history.locator(
    `.jp-DvcS3-version[data-commit="${oldest.commit}"]`
  );
  await oldestItem.locator('[data-action="restore"]').click();
  await expect(oldestItem).toHaveAttribute('data-current', 'true', {
    timeout: 60_000
  });

  expect(await readModel(request)).toBe(CONTENTS[0]);
  await expect(panel.locator('.jp-DvcS3-older-notice')).toBeVisible();
  await expect(panel.locator('[data-action="save-restored"]')).toBeVisible();
  await panel.screenshot({ path: SCREENSHOT_PATH });
});
