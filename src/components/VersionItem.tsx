import { TranslationBundle } from '@jupyterlab/translation';
import { copyIcon, undoIcon } from '@jupyterlab/ui-components';
import * as React from 'react';

import { copyS3Url } from '../clipboard';
import { formatDate, formatSize, shortSha } from '../format';
import { IModelVersion } from '../tokens';

/**
 * Properties of one version in the history.
 */
export interface IVersionItemProps {
  version: IModelVersion;
  /**
   * Language code for the date, such as `en` or `zh-CN`.
   */
  locale?: string;
  /**
   * Whether a job can start now; enables the Restore button.
   */
  canStart: boolean;
  onRestore: (version: IModelVersion) => void;
  trans: TranslationBundle;
}

/**
 * Render one version: date, short commit, author, message and size, a
 * badge on the version in the workspace, a warning when its data is not in
 * S3, and the Restore and Copy S3 address buttons.
 */
export function VersionItem(props: IVersionItemProps): JSX.Element {
  const { version, locale, canStart, onRestore, trans } = props;
  const size = formatSize(version.size, trans, locale);
  const s3Url = version.s3_url;

  return (
    <li
      className="jp-DvcS3-version"
      data-commit={version.commit}
      data-current={version.current ? 'true' : 'false'}
      data-in-remote={String(version.in_remote)}
    >
      <div className="jp-DvcS3-versionHead">
        <time className="jp-DvcS3-versionDate" dateTime={version.date}>
          {formatDate(version.date, locale)}
        </time>
        <code className="jp-DvcS3-commit" title={version.commit}>
          {shortSha(version.commit)}
        </code>
        {version.current && (
          <span
            className="jp-DvcS3-badge"
            data-kind="current"
            title={trans.__('The workspace holds the data of this version.')}
          >
            {trans.__('Current')}
          </span>
        )}
        {version.in_remote === false && (
          <span
            className="jp-DvcS3-badge"
            data-kind="missing-remote"
            title={trans.__(
              'The data of this version is not in the S3 bucket, so it cannot be restored on another machine.'
            )}
          >
            {trans.__('Data missing from S3')}
          </span>
        )}
      </div>
      <div className="jp-DvcS3-versionMessage">{version.message}</div>
      <div className="jp-DvcS3-versionMeta">
        <span className="jp-DvcS3-versionAuthor">{version.author}</span>
        {size && (
          <span className="jp-DvcS3-size" title={`${version.size}`}>
            {size}
          </span>
        )}
      </div>
      <div className="jp-DvcS3-versionActions">
        <button
          className="jp-DvcS3-rowButton jp-mod-styled jp-mod-minimal"
          data-action="restore"
          disabled={!canStart}
          title={trans.__(
            'Put this version of the model into the workspace (its .dvc file and data)'
          )}
          onClick={() => onRestore(version)}
        >
          <undoIcon.react tag="span" className="jp-DvcS3-buttonIcon" />
          <span>{trans.__('Restore')}</span>
        </button>
        <button
          className="jp-DvcS3-rowButton jp-mod-styled jp-mod-minimal"
          data-action="copy-version-s3-url"
          disabled={!s3Url}
          title={s3Url ?? trans.__('This version has no S3 address.')}
          onClick={() => copyS3Url(s3Url ?? '', trans)}
        >
          <copyIcon.react tag="span" className="jp-DvcS3-buttonIcon" />
          <span>{trans.__('Copy S3 address')}</span>
        </button>
      </div>
    </li>
  );
}
