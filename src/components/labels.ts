import { TranslationBundle } from '@jupyterlab/translation';

import {
  PanelAction,
  RemoteState,
  StepName,
  StepState,
  WorkspaceState
} from '../tokens';

/**
 * Return the label of a job step.
 */
export function stepLabel(name: StepName, trans: TranslationBundle): string {
  switch (name) {
    case 'add':
      return trans.__('Add to DVC');
    case 'push':
      return trans.__('Push data to S3');
    case 'commit':
      return trans.__('Commit to git');
    case 'git_push':
      return trans.__('Push commit to git remote');
    case 'pull':
      return trans.__('Pull data from S3');
    case 'restore':
      return trans.__('Restore version');
  }
}

/**
 * Return the label of a job step's state.
 */
export function stepStateLabel(
  state: StepState,
  trans: TranslationBundle
): string {
  switch (state) {
    case 'pending':
      return trans.__('Pending');
    case 'running':
      return trans.__('Running');
    case 'succeeded':
      return trans.__('Done');
    case 'failed':
      return trans.__('Failed');
    case 'skipped':
      return trans.__('Skipped');
    case 'cancelled':
      return trans.__('Cancelled');
  }
}

/**
 * Return the label of a file's state in the workspace.
 */
export function workspaceLabel(
  state: WorkspaceState,
  trans: TranslationBundle
): string {
  switch (state) {
    case 'unchanged':
      return trans.__('Unchanged');
    case 'modified':
      return trans.__('Modified');
    case 'missing':
      return trans.__('Missing');
    case 'untracked':
      return trans.__('Not tracked');
  }
}

/**
 * Return the tooltip that explains a file's state in the workspace.
 */
export function workspaceTitle(
  state: WorkspaceState,
  trans: TranslationBundle
): string {
  switch (state) {
    case 'unchanged':
      return trans.__(
        'The file matches the version recorded in its .dvc file.'
      );
    case 'modified':
      return trans.__(
        'The file differs from the version recorded in its .dvc file; save a version to keep the changes.'
      );
    case 'missing':
      return trans.__(
        'The .dvc file exists but the data is not in the workspace; pull it from S3.'
      );
    case 'untracked':
      return trans.__('The file is not tracked by DVC yet.');
  }
}

/**
 * Return the tooltip that explains whether a file's data is in the remote.
 */
export function remoteTitle(
  state: RemoteState,
  trans: TranslationBundle
): string {
  switch (state) {
    case 'in_remote':
      return trans.__('The data of the recorded version is in the S3 bucket.');
    case 'not_in_remote':
      return trans.__(
        'The data of the recorded version is not in the S3 bucket; push it, or nobody else can pull this version.'
      );
    case 'unknown':
      return trans.__(
        'The S3 bucket has not been checked yet, or the check failed.'
      );
  }
}

/**
 * Return the label of whether a file's data is in the DVC remote.
 */
export function remoteLabel(
  state: RemoteState,
  trans: TranslationBundle
): string {
  switch (state) {
    case 'in_remote':
      return trans.__('In S3');
    case 'not_in_remote':
      return trans.__('Not in S3');
    case 'unknown':
      return trans.__('S3 state unknown');
  }
}

/**
 * Return the label of a panel button.
 */
export function actionLabel(
  action: PanelAction,
  trans: TranslationBundle
): string {
  switch (action) {
    case 'add':
      return trans.__('Add');
    case 'push':
      return trans.__('Push');
    case 'commit':
      return trans.__('Commit');
    case 'version':
      return trans.__('Save version');
  }
}

/**
 * Return the tooltip of a panel button.
 */
export function actionTitle(
  action: PanelAction,
  trans: TranslationBundle
): string {
  switch (action) {
    case 'add':
      return trans.__('Hash the file and write its .dvc file (dvc add)');
    case 'push':
      return trans.__("Upload the file's data to the DVC remote (dvc push)");
    case 'commit':
      return trans.__(
        'Commit only the .dvc file and .gitignore of the file (git commit)'
      );
    case 'version':
      return trans.__(
        'Add, push to S3, commit and push to the git remote, stopping at the first failure'
      );
  }
}
