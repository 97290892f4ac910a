import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { RepoStatus } from '../model';
import { IRepoInfo } from '../tokens';

/**
 * Properties of the repository notice.
 */
export interface IRepoNoticeProps {
  status: RepoStatus;
  repo: IRepoInfo | null;
  isBusy: boolean;
  onInit: () => void;
  trans: TranslationBundle;
}

/**
 * Explain why the folder cannot save versions yet, and the next step.
 * Renders nothing when the repository is ready and has a DVC remote.
 */
export function RepoNotice(props: IRepoNoticeProps): JSX.Element | null {
  const { status, repo, isBusy, onInit, trans } = props;

  switch (status) {
    case 'loading':
      return (
        <div className="jp-DvcS3-notice" data-status="loading">
          {trans.__('Loading…')}
        </div>
      );
    case 'no_git':
      return (
        <div className="jp-DvcS3-notice" data-status="no_git">
          <p>{trans.__('This folder is not inside a git repository.')}</p>
          <p>
            {trans.__(
              "Open a folder of a git repository in the file browser, or set up versioning here: a git repository on the platform branch with DVC, and a first commit of DVC's files."
            )}
          </p>
          <button
            className="jp-mod-styled jp-mod-accept"
            data-action="init"
            disabled={isBusy}
            onClick={onInit}
          >
            {trans.__('Set up versioning here')}
          </button>
        </div>
      );
    case 'no_dvc':
      return (
        <div className="jp-DvcS3-notice" data-status="no_dvc">
          <p>
            {trans.__(
              'DVC is not initialised in the git repository %1.',
              repo?.git_root || '/'
            )}
          </p>
          <p>
            {trans.__(
              'Set up versioning to initialise DVC and commit its files, then add an S3 remote.'
            )}
          </p>
          <button
            className="jp-mod-styled jp-mod-accept"
            data-action="init"
            disabled={isBusy}
            onClick={onInit}
          >
            {trans.__('Set up versioning here')}
          </button>
        </div>
      );
    case 'ready':
      if (repo && repo.remotes.length === 0) {
        return (
          <div className="jp-DvcS3-notice" data-status="no_remote">
            <p>
              {trans.__(
                'No DVC remote is configured, so Push and Save version will fail.'
              )}
            </p>
            <p>
              {trans.__(
                'Enter the S3 bucket and its keys in the storage settings below.'
              )}
            </p>
          </div>
        );
      }
      return null;
    case 'error':
      return null;
  }
}
