import { TranslationBundle } from '@jupyterlab/translation';
import { downloadIcon, historyIcon } from '@jupyterlab/ui-components';
import * as React from 'react';

import { formatSize, relativePath } from '../format';
import { IModelFile } from '../tokens';
import {
  remoteLabel,
  remoteTitle,
  workspaceLabel,
  workspaceTitle
} from './labels';
import { REMOTE_ICONS, WORKSPACE_ICONS } from './stateIcons';

/**
 * Properties of one row of the model list.
 */
export interface IModelRowProps {
  model: IModelFile;
  /**
   * The current folder; a path below it is shown relative to it.
   */
  folder: string;
  selected: boolean;
  /**
   * Whether a job can start now; enables the Pull button.
   */
  canStart: boolean;
  onSelect: (path: string) => void;
  onHistory: (path: string) => void;
  onPull: (path: string) => void;
  trans: TranslationBundle;
}

/**
 * Render one model file with its workspace and remote states, a History
 * button for tracked files and a Pull button when its data is missing.
 */
export function ModelRow(props: IModelRowProps): JSX.Element {
  const { model, folder, selected, canStart, trans } = props;
  const size = formatSize(model.size, trans);
  const WorkspaceIcon = WORKSPACE_ICONS[model.workspace];
  const RemoteIcon = REMOTE_ICONS[model.remote];

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.target !== event.currentTarget) {
      return;
    }
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      props.onSelect(model.path);
    }
  };
  // The buttons act on their own; the row's click would select it too.
  const onButton = (event: React.MouseEvent, act: (path: string) => void) => {
    event.stopPropagation();
    act(model.path);
  };

  return (
    <li
      className={selected ? 'jp-DvcS3-model jp-mod-selected' : 'jp-DvcS3-model'}
      data-path={model.path}
      data-tracked={model.tracked ? 'true' : 'false'}
      data-workspace={model.workspace}
      data-remote={model.remote}
      role="option"
      aria-selected={selected}
      tabIndex={0}
      title={model.s3_url ?? model.path}
      onClick={() => props.onSelect(model.path)}
      onKeyDown={onKeyDown}
    >
      <div className="jp-DvcS3-modelRow">
        <span className="jp-DvcS3-modelPath">
          {relativePath(model.path, folder)}
        </span>
        {model.tracked && model.workspace === 'missing' && (
          <button
            className="jp-DvcS3-rowButton jp-mod-styled jp-mod-minimal"
            data-action="pull"
            disabled={!canStart}
            title={trans.__('Download the data of %1 from S3', model.path)}
            onClick={event => onButton(event, props.onPull)}
          >
            <downloadIcon.react tag="span" className="jp-DvcS3-buttonIcon" />
            <span>{trans.__('Pull')}</span>
          </button>
        )}
        {model.tracked && (
          <button
            className="jp-DvcS3-rowButton jp-mod-styled jp-mod-minimal"
            data-action="history"
            title={trans.__('Show the versions of %1', model.path)}
            aria-label={trans.__('Versions')}
            onClick={event => onButton(event, props.onHistory)}
          >
            <historyIcon.react tag="span" className="jp-DvcS3-buttonIcon" />
          </button>
        )}
      </div>
      <span className="jp-DvcS3-badges">
        <span
          className="jp-DvcS3-badge"
          data-kind="tracked"
          data-value={model.tracked ? 'tracked' : 'untracked'}
          title={
            model.tracked
              ? trans.__('Tracked by DVC through %1', model.dvc_file ?? '')
              : trans.__('Not tracked by DVC; Add or Save version tracks it.')
          }
        >
          {model.tracked ? trans.__('DVC') : trans.__('Not in DVC')}
        </span>
        {model.tracked && (
          <span
            className="jp-DvcS3-badge"
            data-kind="workspace"
            data-value={model.workspace}
            title={workspaceTitle(model.workspace, trans)}
          >
            <WorkspaceIcon.react tag="span" className="jp-DvcS3-badgeIcon" />
            {workspaceLabel(model.workspace, trans)}
          </span>
        )}
        {model.tracked && (
          <span
            className="jp-DvcS3-badge"
            data-kind="remote"
            data-value={model.remote}
            title={remoteTitle(model.remote, trans)}
          >
            <RemoteIcon.react tag="span" className="jp-DvcS3-badgeIcon" />
            {remoteLabel(model.remote, trans)}
          </span>
        )}
        {size && <span className="jp-DvcS3-size">{size}</span>}
      </span>
    </li>
  );
}
