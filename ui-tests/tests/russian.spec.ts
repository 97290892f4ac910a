import * as path from 'path';

import { expect, galata, test } from '@jupyterlab/galata';
import type { APIRequestContext } from '@playwright/test';

/**
 * Runs the panel in JupyterLab's Russian interface: the labels, the step
 * names of Save version and the hint of an S3 error must be in Russian.
 *
 * The language comes from Galata's mocked settings, so the server's own
 * settings stay in English for the other tests. The test saves versions of
 * a model file of its own, so that the history of pkl/model.pkl that other
 * tests check stays as it is.
 */
test.use({
  autoGoto: false,
  tmpPath: '',
  mockSettings: {
    ...galata.DEFAULT_SETTINGS,
    '@jupyterlab/translation-extension:plugin': { locale: 'ru_RU' }
  },
  // Galata's own check waits for a tab named "Launcher", which the Russian
  // interface names differently, so only the splash screen is awaited here.
  // eslint-disable-next-line no-empty-pattern
  waitForApplication: async ({}, use) => {
    await use(async page => {
      await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
    });
  }
});

const MODEL_PATH = 'pkl/russian.pkl';
const REMOTE_NAME = 'storage';
const MISSING_BUCKET_URL = 's3://b-missing-for-russian-test';
const SCREENSHOT_PATH = path.resolve(
  __dirname,
  '..',
  '..',
  'docs',
  'images',
  'panel-ru.png'
);

/**
 * Russian names of the steps of Save version, in their order.
 */
const STEPS = [
  ['add', 'Добавление в DVC'],
  ['push', 'Отправка данных в S3'],
  ['commit', 'Коммит в git'],
  ['git_push', 'Отправка коммита в удалённый git-репозиторий']
];

async function writeModel(
  request: APIRequestContext,
  content: string
): Promise<void> {
  const response = await request.put(`/api/contents/${MODEL_PATH}`, {
    data: { type: 'file', format: 'text', content }
  });
  expect(response.ok()).toBe(true);
}

async function setRemoteUrl(
  request: APIRequestContext,
  url: string
): Promise<void> {
  const response = await request.put(`/dvc-s3/remotes/${REMOTE_NAME}`, {
    data: { path: '', url }
  });
  expect(response.ok(), `PUT remotes/${REMOTE_NAME} url=${url}`).toBe(true);
}

async function readRemoteUrl(request: APIRequestContext): Promise<string> {
  const response = await request.get('/dvc-s3/remotes?path=');
  expect(response.ok()).toBe(true);
  const { remotes } = await response.json();
  const remote = remotes.find(
    (item: { name: string }) => item.name === REMOTE_NAME
  );
  expect(remote, `remote ${REMOTE_NAME} should exist`).toBeDefined();
  return remote.url;
}

test('panel in Russian', async ({ page, request }) => {
  await writeModel(request, `weights saved at ${Date.now()}`);

  await page.goto();
  await page.evaluate(async () => {
    await window.jupyterapp.commands.execute('dvc-s3:open-panel');
  });
  const panel = page.sidebar.getContentPanelLocator('left');

  const saveButton = panel.locator('[data-action="version"]');
  await expect(saveButton).toHaveText('Сохранить версию');
  await expect(panel.locator('[data-action="add"]')).toHaveText('Добавить');
  await expect(panel.locator('[data-action="push"]')).toHaveText('Отправить');

  const model = panel.locator(`.jp-DvcS3-model[data-path="${MODEL_PATH}"]`);
  await model.click();
  await saveButton.click();

  const steps = panel.locator('.jp-DvcS3-step');
  await expect(steps).toHaveCount(STEPS.length);
  for (const [index, [name, label]] of STEPS.entries()) {
    const step = steps.nth(index);
    await expect(step).toHaveAttribute('data-step', name);
    await expect(step, `step ${name} should succeed`).toHaveAttribute(
      'data-state',
      'succeeded',
      { timeout: 60_000 }
    );
    await expect(step.locator('.jp-DvcS3-stepName')).toHaveText(label);
    await expect(step.locator('.jp-DvcS3-stepState')).toHaveText('Готово');
  }
  await panel.screenshot({ path: SCREENSHOT_PATH });

  // A remote whose bucket does not exist makes the push step fail with the
  // error code bucket_not_found.
  const remoteUrl = await readRemoteUrl(request);
  await setRemoteUrl(request, MISSING_BUCKET_URL);
  try {
    await writeModel(request, `weights changed at ${Date.now()}`);
    await saveButton.click();

    const error = panel.locator('.jp-DvcS3-error');
    await expect(error).toHaveAttribute('data-code', 'bucket_not_found', {
      timeout: 60_000
    });
    await expect(error.locator('.jp-DvcS3-errorMessage')).toHaveText(
      'Бакет S3 не существует.'
    );
    await expect(error.locator('.jp-DvcS3-errorHint')).toContainText(
      'Проверьте имя бакета'
    );
    await expect(error.locator('.jp-DvcS3-errorCode')).toHaveText(
      'Код ошибки: bucket_not_found'
    );
    await expect(
      panel.locator('.jp-DvcS3-step[data-step="push"] .jp-DvcS3-stepState')
    ).toHaveText('Ошибка');
    await expect(
      panel.locator('.jp-DvcS3-step[data-step="commit"] .jp-DvcS3-stepState')
    ).toHaveText('Пропущено');
  } finally {
    await setRemoteUrl(request, remoteUrl);
  }
});
