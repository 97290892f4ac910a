import {
  checkIcon,
  circleEmptyIcon,
  closeIcon,
  editIcon,
  LabIcon,
  refreshIcon
} from '@jupyterlab/ui-components';

import { RemoteState, WorkspaceState } from '../tokens';

/**
 * Icon of each state of a file in the workspace.
 */
export const WORKSPACE_ICONS: Record<WorkspaceState, LabIcon> = {
  unchanged: checkIcon,
  modified: editIcon,
  missing: closeIcon,
  untracked: circleEmptyIcon
};

/**
 * Icon of each state of a file's data in the remote; `unknown` shows the
 * refresh icon because the server is still checking.
 */
export const REMOTE_ICONS: Record<RemoteState, LabIcon> = {
  in_remote: checkIcon,
  not_in_remote: closeIcon,
  unknown: refreshIcon
};
