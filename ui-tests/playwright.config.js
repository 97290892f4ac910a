/**
 * Playwright configuration of the Galata UI tests.
 *
 * The web server is demo/run.py in its UI-test mode: it starts an S3 mock,
 * builds a fresh test project with its git origin and runs JupyterLab on it
 * at port 8888 with no token.
 */
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');

module.exports = {
  ...baseConfig,
  // All tests share one JupyterLab server and one DVC repo.
  workers: 1,
  use: {
    ...baseConfig.use,
    // Debian's Chromium; Playwright downloads no browser here.
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium'
    },
    // Video recording needs Playwright's own ffmpeg build, which is not
    // installed.
    video: 'off'
  },
  webServer: {
    command: `${process.env.PYTHON || 'python'} ../demo/run.py --ui-tests`,
    url: 'http://localhost:8888/lab',
    timeout: 120 * 1000,
    // A server left from an earlier run would carry its saved versions
    // into this one, so every run starts its own.
    reuseExistingServer: false,
    // SIGTERM lets JupyterLab shut down and the S3 mock stop cleanly.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10 * 1000 }
  }
};
