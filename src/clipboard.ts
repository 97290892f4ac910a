import { Clipboard, Notification } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';

/**
 * Copy an S3 address to the clipboard and confirm it in a notification.
 */
export function copyS3Url(url: string, trans: TranslationBundle): void {
  Clipboard.copyToSystem(url);
  Notification.success(trans.__('Copied %1', url), { autoClose: 3000 });
}
