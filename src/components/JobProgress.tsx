import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { formatProgress, formatRate } from '../format';
import { IJobProgress } from '../tokens';

/**
 * Properties of the progress bar.
 */
export interface IJobProgressProps {
  progress: IJobProgress;
  /**
   * Units per second, or null while unknown.
   */
  rate: number | null;
  trans: TranslationBundle;
}

/**
 * Render the progress bar of a running step, with the amount done, the
 * total and the transfer rate. The bar is indeterminate while the total is
 * unknown.
 */
export function JobProgress(props: IJobProgressProps): JSX.Element {
  const { progress, rate, trans } = props;
  const total = progress.total ?? undefined;
  const rateText = formatRate(rate, progress.unit, trans);

  return (
    <div
      className="jp-DvcS3-progress"
      data-step={progress.step}
      data-done={progress.done}
      data-total={total ?? ''}
    >
      <progress
        max={total}
        value={total === undefined ? undefined : progress.done}
        aria-label={trans.__('Progress')}
      />
      <span className="jp-DvcS3-progressText">
        {formatProgress(progress.done, progress.total, progress.unit, trans)}
      </span>
      {rateText && <span className="jp-DvcS3-progressRate">{rateText}</span>}
    </div>
  );
}
