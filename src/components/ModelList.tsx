import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { IModelFile } from '../tokens';
import { ModelRow } from './ModelRow';

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
  /**
   * Whether a job can start now; enables the Pull buttons.
   */
  canStart: boolean;
  onSelect: (path: string) => void;
  onHistory: (path: string) => void;
  onPull: (path: string) => void;
  trans: TranslationBundle;
}

/**
 * Render the model files of the repository, one selectable row per file.
 */
export function ModelList(props: IModelListProps): JSX.Element {
  const {
    models,
    folder,
    selectedPath,
    canStart,
    onSelect,
    onHistory,
    onPull,
    trans
  } = props;

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
      {models.map(model => (
        <ModelRow
          key={model.path}
          model={model}
          folder={folder}
          selected={model.path === selectedPath}
          canStart={canStart}
          onSelect={onSelect}
          onHistory={onHistory}
          onPull={onPull}
          trans={trans}
        />
      ))}
    </ul>
  );
}
