import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { expect, galata, test } from '@jupyterlab/galata';

/**
 * The main test server's root is a git repository, so no folder under it
 * is outside git. This test starts a second JupyterLab on an empty root
 * instead, with its own HOME so that git has no global name or email, and
 * uses the S3 mock that demo/run.py --ui-tests started for the main server.
 */
const MAIN_SERVER = 'http://localhost:8888';
const PORT = 8899;
const BASE_URL = `http://localhost:${PORT}`;
const SERVER_CONFIG = path.resolve(
  __dirname,
  '..',
  'jupyter_server_test_config.py'
);
const START_TIMEOUT = 90_000;

const FOLDER = 'fresh';
const MODEL_PATH = `${FOLDER}/model.pkl`;
const REMOTE_URL = 's3://b-a/fresh';
const S3_URL = /s3:\/\/b-a\/fresh\/files\/md5\/[0-9a-f]{2}\/[0-9a-f]{30}/;
const CHAIN_STEPS = ['add', 'push', 'commit'];

let server: ChildProcess | null = null;
let workDir = '';
let endpointUrl = '';

/**
 * Build the environment of the second server: no AWS setup of the machine
 * and no git identity, so the panel has to request one.
 */
function serverEnvironment(home: string, root: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (
      name.startsWith('AWS_') ||
      name.startsWith('GIT_') ||
      name === 'EMAIL'
    ) {
      delete env[name];
    }
  }
  // A path that does not exist, so boto3 reads no AWS config file.
  const missing = path.join(home, 'no-aws-config');
  return {
    ...env,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    AWS_CONFIG_FILE: missing,
    AWS_SHARED_CREDENTIALS_FILE: missing,
    AWS_EC2_METADATA_DISABLED: 'true',
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
    JUPYTERLAB_GALATA_ROOT_DIR: root
  };
}

async function waitForServer(url: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) {
        return;
      }
    } catch {
      // The server is not listening yet.
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  throw new Error(`JupyterLab did not start at ${url} in ${START_TIMEOUT} ms`);
}

test.describe('set up versioning in a fresh folder', () => {
  test.use({
    baseURL: BASE_URL,
    autoGoto: false,
    tmpPath: '',
    mockSettings: {
      ...galata.DEFAULT_SETTINGS,
      'jupyter-dvc-s3:plugin': { pushToGit: false }
    }
  });

  test.beforeAll(async () => {
    test.setTimeout(START_TIMEOUT + 30_000);

    // The main server's project has the S3 mock as its DVC remote.
    const response = await fetch(`${MAIN_SERVER}/dvc-s3/remotes?path=`);
    expect(response.ok).toBe(true);
    const { remotes } = await response.json();
    endpointUrl = remotes[0].endpointurl;
    expect(endpointUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvc-s3-setup-'));
    const root = path.join(workDir, 'root');
    const home = path.join(workDir, 'home');
    fs.mkdirSync(root);
    fs.mkdirSync(home);

    const args = [
      '-m',
      'jupyterlab',
      `--config=${SERVER_CONFIG}`,
      `--ServerApp.root_dir=${root}`,
      `--ServerApp.port=${PORT}`,
      '--ServerApp.ip=localhost',
      '--no-browser'
    ];
    if (process.getuid?.() === 0) {
      args.push('--allow-root');
    }
    server = spawn(process.env.PYTHON || 'python', args, {
      cwd: root,
      env: serverEnvironment(home, root),
      stdio: ['ignore', 'inherit', 'inherit']
    });
    await waitForServer(`${BASE_URL}/api/status`);
  });

  test.afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise(resolve => server?.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    if (workDir) {
      fs.rmSync(workDir, { recursive: true, force: true });
    }
  });

  test('set up, configure storage and save', async ({ page }) => {
    await page.goto();
    expect(await page.contents.createDirectory(FOLDER)).toBe(true);
    // The panel replaces the file browser in the sidebar, so the folder is
    // opened first; the panel follows the file browser's folder.
    await page.filebrowser.openDirectory(FOLDER);
    await page.evaluate(async () => {
      await window.jupyterapp.commands.execute('dvc-s3:open-panel');
    });
    const panel = page.sidebar.getContentPanelLocator('left');

    await expect(panel.locator('.jp-DvcS3-folder')).toHaveText(FOLDER);
    await panel.locator('[data-action="init"]').click();

    // HOME has no git identity, so the setup requests one.
    const nameInput = page.locator('.jp-DvcS3-identity-name');
    await expect(nameInput).toBeVisible({ timeout: 30_000 });
    await nameInput.fill('Ada Lovelace');
    await page.locator('.jp-DvcS3-identity-email').fill('ada@example.com');
    await page.locator('.jp-Dialog .jp-mod-accept').click();

    // A repository without a remote shows the form; the header button
    // opens the same form.
    await panel.locator('[data-action="remote-settings"]').click();
    const form = panel.locator('.jp-DvcS3-remote-form');
    await expect(form).toBeVisible();
    await expect(form.locator('input[name="name"]')).toHaveValue('storage');

    await form.locator('input[name="url"]').fill('b-a/fresh');
    await form.locator('[data-action="save-remote"]').click();
    await expect(form.locator('.jp-DvcS3-fieldError')).toContainText(
      's3://'
    );

    await form.locator('input[name="url"]').fill(REMOTE_URL);
    await form.locator('input[name="endpointurl"]').fill(endpointUrl);
    await form.locator('input[name="access_key_id"]').fill('setup-test-key');
    await form
      .locator('input[name="secret_access_key"]')
      .fill('setup-test-secret');
    await expect(form.locator('input[name="default"]')).toBeChecked();
    await form.locator('[data-action="save-remote"]').click();

    const credentials = form.locator('.jp-DvcS3-credentials');
    await expect(credentials).toHaveAttribute('data-source', 'local');
    await expect(form.locator('input[name="access_key_id"]')).toHaveValue('');
    await expect(panel.locator('.jp-DvcS3-remote')).toContainText(REMOTE_URL);

    await form.locator('[data-action="check-remote"]').click();
    const check = form.locator('.jp-DvcS3-check');
    await expect(check).toHaveAttribute('data-ok', 'true', {
      timeout: 30_000
    });
    await expect(check).toContainText(REMOTE_URL);

    await page.contents.uploadContent(
      'weights of a fresh model\n',
      'text',
      MODEL_PATH
    );
    await panel.locator('[data-action="refresh"]').click();
    const model = panel.locator(`.jp-DvcS3-model[data-path="${MODEL_PATH}"]`);
    await model.click();
    await panel.locator('[data-action="version"]').click();

    const steps = panel.locator('.jp-DvcS3-step');
    await expect(steps).toHaveCount(CHAIN_STEPS.length);
    for (const [index, name] of CHAIN_STEPS.entries()) {
      const step = steps.nth(index);
      await expect(step).toHaveAttribute('data-step', name);
      await expect(step, `step ${name} should succeed`).toHaveAttribute(
        'data-state',
        'succeeded',
        { timeout: 60_000 }
      );
    }
    await expect(panel.locator('.jp-DvcS3-job')).toHaveAttribute(
      'data-state',
      'succeeded'
    );
    await expect(panel.locator('.jp-DvcS3-s3url')).toContainText(S3_URL);
    await expect(panel.locator('.jp-DvcS3-commit')).toBeVisible();
  });
});
