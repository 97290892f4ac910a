import { Dialog, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import { shortSha } from './format';
import { validateIdentity } from './identity';
import { IGitIdentity, IIdentity, IModelVersion } from './tokens';

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

/**
 * Ask for the git name and email that commits record. The dialog opens
 * again with the reason while a value is invalid.
 *
 * @returns The trimmed name and email, or null when the user cancelled.
 */
export async function askGitIdentity(
  initial: IGitIdentity | null,
  trans: TranslationBundle
): Promise<IIdentity | null> {
  let value: IIdentity = {
    name: initial?.name ?? '',
    email: initial?.email ?? ''
  };
  let error: string | null = null;

  for (;;) {
    const result = await showDialog({
      title: trans.__('Git name and email'),
      body: new IdentityBody(value, error, trans),
      buttons: [
        Dialog.cancelButton({ label: trans.__('Cancel') }),
        Dialog.okButton({ label: trans.__('Save') })
      ],
      focusNodeSelector: '.jp-DvcS3-identity-name'
    });
    if (!result.button.accept || result.value === null) {
      return null;
    }

    value = result.value;
    error = validateIdentity(value, trans);
    if (error === null) {
      return value;
    }
  }
}

/**
 * Body of the identity dialog: a name input, an email input and the reason
 * why the previous values were rejected.
 */
class IdentityBody extends Widget implements Dialog.IBodyWidget<IIdentity> {
  constructor(
    initial: IIdentity,
    error: string | null,
    trans: TranslationBundle
  ) {
    super();
    this.addClass('jp-DvcS3-identity');

    const intro = document.createElement('p');
    intro.textContent = trans.__(
      "Git records a name and an email address in every commit, and this repository has none set. They are stored in the repository's .git/config."
    );
    this.node.appendChild(intro);

    this._name = this._addInput(
      trans.__('Name'),
      'jp-DvcS3-identity-name',
      'text',
      initial.name,
      trans.__('Ada Lovelace')
    );
    this._email = this._addInput(
      trans.__('Email'),
      'jp-DvcS3-identity-email',
      'email',
      initial.email,
      trans.__('ada@example.com')
    );

    if (error) {
      const message = document.createElement('div');
      message.className = 'jp-DvcS3-identity-error';
      message.setAttribute('role', 'alert');
      message.textContent = error;
      this.node.appendChild(message);
    }
  }

  getValue(): IIdentity {
    return { name: this._name.value.trim(), email: this._email.value.trim() };
  }

  private _addInput(
    label: string,
    className: string,
    type: string,
    value: string,
    placeholder: string
  ): HTMLInputElement {
    const labelNode = document.createElement('label');
    labelNode.className = 'jp-DvcS3-identity-field';
    labelNode.textContent = label;

    const input = document.createElement('input');
    input.className = `${className} jp-mod-styled`;
    input.type = type;
    input.value = value;
    input.placeholder = placeholder;
    labelNode.appendChild(input);

    this.node.appendChild(labelNode);
    return input;
  }

  private _name: HTMLInputElement;
  private _email: HTMLInputElement;
}
