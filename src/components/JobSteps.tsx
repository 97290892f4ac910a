import { TranslationBundle } from '@jupyterlab/translation';
import {
  checkIcon,
  circleEmptyIcon,
  closeIcon,
  LabIcon,
  runningIcon,
  stopIcon
} from '@jupyterlab/ui-components';
import * as React from 'react';

import { formatProgress } from '../format';
import { IJob, IJobProgress, StepState } from '../tokens';
import { stepLabel, stepStateLabel } from './labels';

/**
 * Icon of each step state.
 */
const STATE_ICONS: Record<StepState, LabIcon> = {
  pending: circleEmptyIcon,
  running: runningIcon,
  succeeded: checkIcon,
  failed: closeIcon,
  skipped: circleEmptyIcon,
  cancelled: stopIcon
};

/**
 * Properties of the step list.
 */
export interface IJobStepsProps {
  job: IJob;
  trans: TranslationBundle;
}

/**
 * Render the steps of a job, each with its state, its message and the progress of
 * the running step.
 */
export function JobSteps(props: IJobStepsProps): JSX.Element {
  const { job, trans } = props;

  return (
    <div className="jp-DvcS3-job" data-job={job.id} data-state={job.state}>
      <div className="jp-DvcS3-jobTitle">{trans.__('Job on %1', job.path)}</div>
      <ol className="jp-DvcS3-steps">
        {job.steps.map(step => {
          const Icon = STATE_ICONS[step.state];
          const progress =
            step.state === 'running' && job.progress?.step === step.name
              ? job.progress
              : null;

          return (
            <li
              key={step.name}
              className="jp-DvcS3-step"
              data-step={step.name}
              data-state={step.state}
            >
              <Icon.react
                tag="span"
                className="jp-DvcS3-stepIcon"
                title={stepStateLabel(step.state, trans)}
              />
              <span className="jp-DvcS3-stepName">
                {stepLabel(step.name, trans)}
              </span>
              <span className="jp-DvcS3-stepState">
                {stepStateLabel(step.state, trans)}
              </span>
              {step.message && (
                <div className="jp-DvcS3-stepMessage">{step.message}</div>
              )}
              {progress && <StepProgress progress={progress} trans={trans} />}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/**
 * Render a progress bar with the amount transferred. The bar is
 * indeterminate while the total is unknown.
 */
function StepProgress(props: {
  progress: IJobProgress;
  trans: TranslationBundle;
}): JSX.Element {
  const { progress, trans } = props;
  const total = progress.total ?? undefined;

  return (
    <div className="jp-DvcS3-progress">
      <progress
        max={total}
        value={total === undefined ? undefined : progress.done}
      />
      <span className="jp-DvcS3-progressText">
        {formatProgress(progress.done, progress.total, progress.unit, trans)}
      </span>
    </div>
  );
}
