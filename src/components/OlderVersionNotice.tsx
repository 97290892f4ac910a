import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { formatDate, shortSha } from '../format';
import { IModelVersion } from '../tokens';

/**
 * Properties of the notice about an older version in the workspace.
 */
export interface IOlderVersionNoticeProps {
  current: IModelVersion;
  locale?: string;
  canStart: boolean;
  onSave: () => void;
  trans: TranslationBundle;
}

/**
 * Render the notice that the workspace contains an older version than the
 * newest one, with a button that saves it as a new version.
 */
export function OlderVersionNotice(
  props: IOlderVersionNoticeProps
): JSX.Element {
  const { current, locale, canStart, onSave, trans } = props;

  return (
    <div className="jp-DvcS3-older-notice" role="status">
      <p>
        {trans.__(
          'The workspace holds the older version %1 of %2, not the newest one.',
          shortSha(current.commit),
          formatDate(current.date, locale)
        )}
      </p>
      <button
        className="jp-mod-styled jp-mod-accept"
        data-action="save-restored"
        disabled={!canStart}
        title={trans.__(
          'Commit this version again as the newest one and push it'
        )}
        onClick={onSave}
      >
        {trans.__('Save as new version')}
      </button>
    </div>
  );
}
