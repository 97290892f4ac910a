import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { formatSize, relativePath } from '../format';
import { IModelFile } from '../tokens';
import { remoteLabel, workspaceLabel } from './labels';

/**
 * Properties of the model list.
 */
export interface IModelListProps {
  models: readonly IModelFile[];
  /**
   * The current folder; paths below it are shown relative to it.
   */
  folder: string;
  selectedPath: string | null;
  onSelect: (path: string) => void;
  trans: TranslationBundle;
}

/**
 * Render the model files of the repository, one selectable row per file.
 */
export function ModelList(props: IModelListProps): JSX.Element {
  const { models, folder, selectedPath, onSelect, trans } = props;

  if (models.length === 0) {
    return (
      <div className="jp-DvcS3-empty">
        {trans.__(
          'No model files found. Files tracked by DVC and model files such as pkl/model.pkl appear here.'
        )}
      </div>
    );
  }

  return (
    <ul
      className="jp-DvcS3-models"
      role="listbox"
      aria-label={trans.__('Model files')}
    >
      {models.map(model => {
        const selected = model.path === selectedPath;
        const size = formatSize(model.size);
        const onKeyDown = (event: React.KeyboardEvent) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            onSelect(model.path);
          }
        };

        return (
          <li
            key={model.path}
            className={
              selected ? 'jp-DvcS3-model jp-mod-selected' : 'jp-DvcS3-model'
            }
            data-path={model.path}
            data-tracked={model.tracked ? 'true' : 'false'}
            data-workspace={model.workspace}
            role="option"
            aria-selected={selected}
            tabIndex={0}
            title={model.s3_url ?? model.path}
            onClick={() => onSelect(model.path)}
            onKeyDown={onKeyDown}
          >
            <span className="jp-DvcS3-modelPath">
              {relativePath(model.path, folder)}
            </span>
            <span className="jp-DvcS3-badges">
              <span
                className="jp-DvcS3-badge"
                data-kind="tracked"
                data-value={model.tracked ? 'tracked' : 'untracked'}
              >
                {model.tracked ? trans.__('DVC') : trans.__('Not in DVC')}
              </span>
              {model.tracked && (
                <span
                  className="jp-DvcS3-badge"
                  data-kind="workspace"
                  data-value={model.workspace}
                >
                  {workspaceLabel(model.workspace, trans)}
                </span>
              )}
              {model.tracked && (
                <span
                  className="jp-DvcS3-badge"
                  data-kind="remote"
                  data-value={model.remote}
                >
                  {remoteLabel(model.remote, trans)}
                </span>
              )}
              {size && <span className="jp-DvcS3-size">{size}</span>}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
