import { TranslationBundle } from '@jupyterlab/translation';
import { refreshIcon, settingsIcon } from '@jupyterlab/ui-components';
import * as React from 'react';

import { IRepoInfo } from '../tokens';

/**
 * Properties of the panel header.
 */
export interface IHeaderProps {
  path: string;
  repo: IRepoInfo | null;
  isLoading: boolean;
  onRefresh: () => void;
  /**
   * Opens the DVC remote's settings; left out hides the button, as when
   * the repository has no DVC yet.
   */
  onRemoteSettings?: () => void;
  trans: TranslationBundle;
}

/**
 * Render the panel title, the current folder, the branch, the Refresh
 * button and the Storage settings button.
 */
export function Header(props: IHeaderProps): JSX.Element {
  const { path, repo, isLoading, onRefresh, onRemoteSettings, trans } = props;
  const remote = repo?.remotes.find(r => r.default) ?? repo?.remotes[0];

  return (
    <div className="jp-DvcS3-header">
      <div className="jp-DvcS3-titleRow">
        <h2 className="jp-DvcS3-title">{trans.__('DVC models')}</h2>
        <button
          className="jp-DvcS3-refresh jp-mod-styled jp-mod-minimal"
          data-action="refresh"
          disabled={isLoading}
          onClick={onRefresh}
          title={trans.__('Refresh the model list')}
          aria-label={trans.__('Refresh')}
        >
          <refreshIcon.react tag="span" className="jp-DvcS3-buttonIcon" />
          <span>{trans.__('Refresh')}</span>
        </button>
        {onRemoteSettings && (
          <button
            className="jp-DvcS3-refresh jp-mod-styled jp-mod-minimal"
            data-action="remote-settings"
            onClick={onRemoteSettings}
            title={trans.__(
              'Set the S3 bucket, endpoint and keys of the DVC remote'
            )}
            aria-label={trans.__('Storage settings')}
          >
            <settingsIcon.react tag="span" className="jp-DvcS3-buttonIcon" />
          </button>
        )}
      </div>
      <dl className="jp-DvcS3-facts">
        <dt>{trans.__('Folder')}</dt>
        <dd className="jp-DvcS3-folder" title={path || '/'}>
          {path || '/'}
        </dd>
        {repo?.branch && (
          <>
            <dt>{trans.__('Branch')}</dt>
            <dd className="jp-DvcS3-branch">{repo.branch}</dd>
          </>
        )}
        {remote && (
          <>
            <dt>{trans.__('Remote')}</dt>
            <dd className="jp-DvcS3-remote" title={remote.url}>
              {remote.name}: {remote.url}
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}
