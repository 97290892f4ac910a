import { IJobProgress } from './tokens';

/**
 * Default length of the window of the moving average, in ms.
 */
export const DEFAULT_RATE_WINDOW = 5000;

/**
 * One progress sample: the amount done at a time.
 */
interface ISample {
  /**
   * Time of the sample in ms, from the clock passed to `TransferRate`.
   */
  time: number;
  done: number;
}

/**
 * Transfer rate of a job's running step, as a moving average over the
 * samples of the last few seconds.
 *
 * The server sends only the amount done, so the rate is the amount added
 * between the oldest and the newest sample in the window, divided by the
 * time between them. A new job, a new step, a change of unit or an amount
 * that went down starts a new series.
 */
export class TransferRate {
  constructor(options: TransferRate.IOptions = {}) {
    this._window = options.window ?? DEFAULT_RATE_WINDOW;
    this._now = options.now ?? (() => Date.now());
  }

  /**
   * Units per second, or null until two samples of the series exist or
   * when no time passed between them.
   */
  get rate(): number | null {
    if (this._samples.length < 2) {
      return null;
    }
    const first = this._samples[0];
    const last = this._samples[this._samples.length - 1];
    const seconds = (last.time - first.time) / 1000;
    if (seconds <= 0) {
      return null;
    }
    return (last.done - first.done) / seconds;
  }

  /**
   * Add the progress of a job at the current time. Null progress, such as
   * between two steps, ends the series.
   */
  add(jobId: string, progress: IJobProgress | null): void {
    if (progress === null) {
      this.reset();
      return;
    }

    const key = `${jobId}/${progress.step}/${progress.unit}`;
    const previous = this._samples[this._samples.length - 1];
    if (key !== this._key || (previous && progress.done < previous.done)) {
      this.reset();
      this._key = key;
    }

    const time = this._now();
    const last = this._samples[this._samples.length - 1];
    if (last && last.time === time) {
      last.done = progress.done;
    } else {
      this._samples.push({ time, done: progress.done });
    }

    // Keep the newest sample older than the window as the series' start,
    // so that a slow server still gives a rate over a full window.
    const start = time - this._window;
    while (this._samples.length > 2 && this._samples[1].time <= start) {
      this._samples.shift();
    }
  }

  /**
   * Forget all samples.
   */
  reset(): void {
    this._samples = [];
    this._key = null;
  }

  private _window: number;
  private _now: () => number;
  private _key: string | null = null;
  private _samples: ISample[] = [];
}

/**
 * Types of the transfer rate.
 */
export namespace TransferRate {
  export interface IOptions {
    /**
     * Length of the moving average's window, in ms.
     */
    window?: number;

    /**
     * Clock in ms; tests pass a fake one.
     */
    now?: () => number;
  }
}
