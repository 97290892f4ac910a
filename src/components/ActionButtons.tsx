import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { PanelAction } from '../tokens';
import { actionLabel, actionTitle } from './labels';

/**
 * The buttons in the order they are shown; the last one runs the others.
 */
const ACTIONS: PanelAction[] = ['add', 'push', 'commit', 'version'];

/**
 * Properties of the action buttons.
 */
export interface IActionButtonsProps {
  canRun: (action: PanelAction) => boolean;
  onRun: (action: PanelAction) => void;
  /**
   * Whether the shown job can be cancelled; shows a Cancel button.
   */
  canCancel: boolean;
  onCancel: () => void;
  trans: TranslationBundle;
}

/**
 * Render the Add, Push, Commit and Save version buttons, and Cancel while
 * a job runs.
 */
export function ActionButtons(props: IActionButtonsProps): JSX.Element {
  const { canRun, onRun, canCancel, onCancel, trans } = props;

  return (
    <div className="jp-DvcS3-actions">
      {ACTIONS.map(action => (
        <button
          key={action}
          className={
            action === 'version'
              ? 'jp-DvcS3-action jp-mod-styled jp-mod-accept'
              : 'jp-DvcS3-action jp-mod-styled'
          }
          data-action={action}
          disabled={!canRun(action)}
          title={actionTitle(action, trans)}
          onClick={() => onRun(action)}
        >
          {actionLabel(action, trans)}
        </button>
      ))}
      {canCancel && (
        <button
          className="jp-DvcS3-action jp-mod-styled jp-mod-warn"
          data-action="cancel"
          title={trans.__('Cancel the running job')}
          onClick={onCancel}
        >
          {trans.__('Cancel')}
        </button>
      )}
    </div>
  );
}
