import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

import { ApiError } from './api';
import { IDvcS3Api, IErrorInfo, IJob, isJobActive } from './tokens';

/**
 * Default time between two requests for the state of a running job, in ms.
 */
export const DEFAULT_JOB_POLL_INTERVAL = 500;

/**
 * Maximum wait between two requests after failed requests, in ms.
 */
const MAX_RETRY_INTERVAL = 10000;

/**
 * Polls queued and running jobs until they end.
 *
 * Every job handed to `watch` is polled on its own timer, so a job keeps
 * being followed after the panel moves to another folder, and its end is
 * always reported once.
 */
export class JobWatcher implements IDisposable {
  constructor(api: IDvcS3Api, interval = DEFAULT_JOB_POLL_INTERVAL) {
    this._api = api;
    this._interval = interval;
  }

  /**
   * Emitted with the newest state of a watched job after each poll.
   */
  get updated(): ISignal<this, IJob> {
    return this._updated;
  }

  /**
   * Emitted once when a watched job succeeds, fails or is cancelled.
   */
  get ended(): ISignal<this, IJob> {
    return this._ended;
  }

  /**
   * Emitted when a watched job cannot be polled any more, because the
   * server no longer has it. The job is then no longer watched.
   */
  get lost(): ISignal<this, JobWatcher.ILostJob> {
    return this._lost;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * Return the newest known state of a watched job.
   */
  get(id: string): IJob | undefined {
    return this._jobs.get(id);
  }

  /**
   * Tell whether a job was seen to end, so that an older listing that still
   * shows it running does not start polling it again.
   */
  hasEnded(id: string): boolean {
    return this._endedIds.has(id);
  }

  /**
   * Start polling a job. A job that has already ended is reported as ended
   * at once. A job that is already watched, or was seen to end, is left as
   * it is.
   */
  watch(job: IJob): void {
    if (
      this._isDisposed ||
      this._jobs.has(job.id) ||
      this._endedIds.has(job.id)
    ) {
      return;
    }
    if (!isJobActive(job)) {
      this._endedIds.add(job.id);
      this._ended.emit(job);
      return;
    }

    this._jobs.set(job.id, job);
    this._schedule(job.id, this._interval);
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    for (const timer of this._timers.values()) {
      clearTimeout(timer);
    }
    this._timers.clear();
    this._jobs.clear();
    Signal.clearData(this);
  }

  private _schedule(id: string, delay: number): void {
    const timer = setTimeout(() => {
      this._timers.delete(id);
      void this._poll(id);
    }, delay);
    this._timers.set(id, timer);
  }

  private async _poll(id: string): Promise<void> {
    let job: IJob;
    try {
      job = await this._api.getJob(id);
    } catch (error) {
      this._handleError(id, error);
      return;
    }
    if (this._isDisposed) {
      return;
    }

    this._failures.delete(id);
    this._jobs.set(id, job);
    this._updated.emit(job);

    if (isJobActive(job)) {
      this._schedule(id, this._interval);
      return;
    }
    this._jobs.delete(id);
    this._endedIds.add(id);
    this._ended.emit(job);
  }

  /**
   * Retry with a doubling delay after a failed poll. A 404 means that the
   * server no longer has the job, for example after a restart, so polling
   * stops.
   */
  private _handleError(id: string, error: unknown): void {
    if (this._isDisposed) {
      return;
    }

    if (error instanceof ApiError && error.status === 404) {
      this._jobs.delete(id);
      this._failures.delete(id);
      this._lost.emit({ id, error });
      return;
    }

    const failures = (this._failures.get(id) ?? 0) + 1;
    this._failures.set(id, failures);
    const delay = Math.min(
      this._interval * 2 ** failures,
      Math.max(MAX_RETRY_INTERVAL, this._interval)
    );
    this._schedule(id, delay);
  }

  private _api: IDvcS3Api;
  private _interval: number;
  private _isDisposed = false;
  private _jobs = new Map<string, IJob>();
  private _timers = new Map<string, ReturnType<typeof setTimeout>>();
  private _failures = new Map<string, number>();
  private _endedIds = new Set<string>();
  private _updated = new Signal<this, IJob>(this);
  private _ended = new Signal<this, IJob>(this);
  private _lost = new Signal<this, JobWatcher.ILostJob>(this);
}

/**
 * Types of the job watcher.
 */
export namespace JobWatcher {
  /**
   * A job that the server no longer has.
   */
  export interface ILostJob {
    id: string;
    error: IErrorInfo;
  }
}
