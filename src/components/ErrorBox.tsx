import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { localizeError } from '../errorMessages';
import { IErrorInfo } from '../tokens';

/**
 * Properties of the error box.
 */
export interface IErrorBoxProps {
  error: IErrorInfo;
  trans: TranslationBundle;
}

/**
 * Render the message of an error, its hint and its code, in the language of
 * the interface.
 *
 * When the message is a translated summary of the code, the server's English
 * message follows it, because only that names the value that failed.
 */
export function ErrorBox(props: IErrorBoxProps): JSX.Element {
  const { trans } = props;
  const error = localizeError(props.error, trans);

  return (
    <div className="jp-DvcS3-error" data-code={error.code} role="alert">
      <div className="jp-DvcS3-errorMessage">{error.message}</div>
      {error.hint && <div className="jp-DvcS3-errorHint">{error.hint}</div>}
      {error.detail && (
        <div className="jp-DvcS3-errorDetail">
          {trans.__('Server message:')} <span lang="en">{error.detail}</span>
        </div>
      )}
      <div className="jp-DvcS3-errorCode">
        {trans.__('Error code: %1', error.code)}
      </div>
    </div>
  );
}
