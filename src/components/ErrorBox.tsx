import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { IErrorInfo } from '../tokens';

/**
 * Properties of the error box.
 */
export interface IErrorBoxProps {
  error: IErrorInfo;
  trans: TranslationBundle;
}

/**
 * Render the message of an error, its hint and its code.
 */
export function ErrorBox(props: IErrorBoxProps): JSX.Element {
  const { error, trans } = props;
  return (
    <div className="jp-DvcS3-error" data-code={error.code} role="alert">
      <div className="jp-DvcS3-errorMessage">{error.message}</div>
      {error.hint && <div className="jp-DvcS3-errorHint">{error.hint}</div>}
      <div className="jp-DvcS3-errorCode">
        {trans.__('Error code: %1', error.code)}
      </div>
    </div>
  );
}
