import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { ErrorBox } from './components/ErrorBox';
import { localizeError } from './errorMessages';
import { IJob, IJobError } from './tokens';

/**
 * How long a success notification stays, in ms.
 */
const SUCCESS_AUTO_CLOSE = 5000;

/**
 * Tell the user that a job ended: a success note, or the error with a
 * "Show details" action that opens a dialog with its code, message and hint.
 */
export function notifyJobEnded(job: IJob, trans: TranslationBundle): void {
  switch (job.state) {
    case 'succeeded':
      Notification.success(successMessage(job, trans), {
        autoClose: SUCCESS_AUTO_CLOSE
      });
      break;
    case 'cancelled':
      Notification.info(trans.__('Cancelled the DVC job on %1', job.path), {
        autoClose: SUCCESS_AUTO_CLOSE
      });
      break;
    case 'failed': {
      const error: IJobError = job.error ?? {
        code: 'internal',
        message: trans.__('The DVC job on %1 failed.', job.path),
        hint: trans.__('See the Jupyter server log.')
      };
      Notification.error(localizeError(error, trans).message, {
        autoClose: false,
        actions: [
          {
            label: trans.__('Show details'),
            callback: () => void showErrorDialog(error, trans)
          }
        ]
      });
      break;
    }
    default:
      break;
  }
}

/**
 * Show a dialog with an error's message, hint and code.
 */
export async function showErrorDialog(
  error: IJobError,
  trans: TranslationBundle
): Promise<void> {
  await showDialog({
    title: trans.__('DVC job failed'),
    body: <ErrorBox error={error} trans={trans} />,
    buttons: [Dialog.okButton({ label: trans.__('Close') })]
  });
}

/**
 * Return the success message of a job's action.
 */
function successMessage(job: IJob, trans: TranslationBundle): string {
  switch (job.action) {
    case 'version':
      return trans.__('Saved version of %1', job.path);
    case 'add':
      return trans.__('Added %1 to DVC', job.path);
    case 'push':
      return trans.__('Pushed the data of %1 to S3', job.path);
    case 'commit':
      return trans.__('Committed the .dvc file of %1', job.path);
    case 'git_push':
      return trans.__('Pushed the branch to the git remote');
    case 'pull':
      return trans.__('Pulled the data of %1 from S3', job.path);
    case 'restore':
      return trans.__('Restored a version of %1', job.path);
  }
}
