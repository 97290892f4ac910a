import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

/**
 * Properties of the commit form.
 */
export interface ICommitFormProps {
  selectedPath: string | null;
  message: string;
  /**
   * The message used when the field is left empty.
   */
  defaultMessage: string;
  onMessageChange: (message: string) => void;
  trans: TranslationBundle;
}

/**
 * Render the selected file and the commit message field.
 */
export function CommitForm(props: ICommitFormProps): JSX.Element {
  const { selectedPath, message, defaultMessage, onMessageChange, trans } =
    props;
  const inputId = 'jp-DvcS3-message-input';

  return (
    <div className="jp-DvcS3-form">
      <div className="jp-DvcS3-selected" data-path={selectedPath ?? ''}>
        {selectedPath
          ? trans.__('Selected: %1', selectedPath)
          : trans.__('Select a model file above.')}
      </div>
      <label className="jp-DvcS3-label" htmlFor={inputId}>
        {trans.__('Commit message')}
      </label>
      <textarea
        id={inputId}
        className="jp-DvcS3-message jp-mod-styled"
        rows={2}
        value={message}
        placeholder={defaultMessage}
        disabled={selectedPath === null}
        onChange={event => onMessageChange(event.target.value)}
      />
    </div>
  );
}
