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

import { IJob, StepState } from '../tokens';
import { JobProgress } from './JobProgress';
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
  /**
   * Transfer rate of the running step in units per second, or null.
   */
  rate: number | null;
  /**
   * Whether the job was asked to cancel and still runs.
   */
  isCancelling: boolean;
  trans: TranslationBundle;
}

/**
 * Render the steps of a job, each with its state, its message and the progress of
 * the running step.
 */
export function JobSteps(props: IJobStepsProps): JSX.Element {
  const { job, rate, isCancelling, trans } = props;

  return (
    <div className="jp-DvcS3-job" data-job={job.id} data-state={job.state}>
      <div className="jp-DvcS3-jobTitle">{trans.__('Job on %1', job.path)}</div>
      {isCancelling && (
        <div className="jp-DvcS3-jobState">{trans.__('Cancelling…')}</div>
      )}
      {job.state === 'cancelled' && (
        <div className="jp-DvcS3-jobState">
          {trans.__('The job was cancelled.')}
        </div>
      )}
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
              {progress && (
                <JobProgress progress={progress} rate={rate} trans={trans} />
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
