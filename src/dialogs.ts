import { Dialog, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';

import { shortSha } from './format';
import { IModelVersion } from './tokens';

/**
 * Ask whether restoring a version may overwrite the unsaved changes of a
 * model file.
 *
 * @returns True when the user chose to overwrite.
 */
export async function confirmOverwrite(
  path: string,
  version: IModelVersion,
  trans: TranslationBundle
): Promise<boolean> {
  const result = await showDialog({
    title: trans.__('Overwrite unsaved changes?'),
    body: trans.__(
      'The workspace file %1 has changes that are in no saved version. Restoring version %2 replaces them, and DVC keeps no copy of them.',
      path,
      shortSha(version.commit)
    ),
    buttons: [
      Dialog.cancelButton({ label: trans.__('Cancel') }),
      Dialog.warnButton({ label: trans.__('Overwrite') })
    ]
  });
  return result.button.accept;
}
