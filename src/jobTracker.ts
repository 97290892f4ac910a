import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

import { ApiError } from './api';
import { JobWatcher } from './jobWatcher';
import { TransferRate } from './transferRate';
import {
  IDvcS3Api,
  IErrorInfo,
  IJob,
  IJobRequest,
  isJobActive
} from './tokens';

/**
 * The job shown in the panel, followed until it ends, with the transfer
 * rate of its running step.
 *
 * Every job started or adopted here stays watched after another job is
 * shown, so the end of each one is reported once through `ended`.
 */
export class JobTracker implements IDisposable {
  constructor(options: JobTracker.IOptions) {
    this._api = options.api;
    this._rate = options.rate ?? new TransferRate();

    this._watcher = new JobWatcher(this._api, options.pollInterval);
    this._watcher.updated.connect(this._onUpdated, this);
    this._watcher.ended.connect(this._onEnded, this);
    this._watcher.lost.connect(this._onLost, this);
  }

  /**
   * Emitted after any change of the shown job or of the flags below.
   */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /**
   * Emitted once for every watched job when it succeeds, fails or is
   * cancelled, whether it is shown or not.
   */
  get ended(): ISignal<this, IJob> {
    return this._ended;
  }

  /**
   * Emitted with the reason when the shown job is no longer on the server.
   */
  get lost(): ISignal<this, IErrorInfo> {
    return this._lost;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * The job shown in the panel, or null.
   */
  get job(): IJob | null {
    return this._job;
  }

  /**
   * Whether a `POST jobs` request is on its way.
   */
  get isStarting(): boolean {
    return this._isStarting;
  }

  /**
   * Whether the shown job was asked to cancel and is still running.
   */
  get isCancelling(): boolean {
    return this._cancelRequested === this._job?.id && isJobActive(this._job);
  }

  /**
   * Whether a job is being started, or the shown job is queued or running.
   */
  get isActive(): boolean {
    return this._isStarting || isJobActive(this._job);
  }

  /**
   * Transfer rate of the shown job's running step in units per second, or
   * null while it is unknown.
   */
  get rate(): number | null {
    return isJobActive(this._job) ? this._rate.rate : null;
  }

  /**
   * Stop showing a job, as when the panel moves to another folder. The job
   * stays watched until it ends.
   */
  clear(): void {
    this._job = null;
    this._rate.reset();
    this._emit();
  }

  /**
   * Start a job and watch it.
   *
   * @param show Tells whether the new job is to be shown, checked once the
   * server has accepted it.
   * @param accepted Called with the new job once the server has accepted
   * it, before `ended` can report it.
   * @throws ApiError when the server rejects the request.
   */
  async start(
    request: IJobRequest,
    show: (job: IJob) => boolean = () => true,
    accepted?: (job: IJob) => void
  ): Promise<IJob> {
    this._isStarting = true;
    this._emit();

    let job: IJob;
    try {
      job = await this._api.startJob(request);
    } finally {
      this._isStarting = false;
    }

    accepted?.(job);
    if (show(job)) {
      this._show(job);
    }
    this._emit();
    this._watcher.watch(job);
    return job;
  }

  /**
   * Show the newest job of a listing when it is queued or running and no
   * other job is shown as running.
   *
   * @param jobs Jobs of the repository, newest first.
   */
  adopt(jobs: IJob[]): void {
    if (isJobActive(this._job) || jobs.length === 0) {
      return;
    }
    const newest = jobs[0];
    if (!isJobActive(newest) || this._watcher.hasEnded(newest.id)) {
      return;
    }
    this._show(this._watcher.get(newest.id) ?? newest);
    this._watcher.watch(newest);
    this._emit();
  }

  /**
   * Ask the server to cancel the shown job. A job that ended meanwhile is
   * read again, so the panel shows how it ended.
   *
   * @throws ApiError when the request fails for another reason.
   */
  async cancel(): Promise<void> {
    const job = this._job;
    if (job === null || !isJobActive(job)) {
      return;
    }
    this._cancelRequested = job.id;
    this._emit();

    let updated: IJob;
    try {
      updated = await this._api.cancelJob(job.id);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 409)) {
        this._cancelRequested = null;
        this._emit();
        throw error;
      }
      updated = await this._api.getJob(job.id);
    }
    this._onUpdated(this._watcher, updated);
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._watcher.dispose();
    Signal.clearData(this);
  }

  private _show(job: IJob): void {
    if (this._job?.id !== job.id) {
      this._rate.reset();
    }
    this._job = job;
    this._rate.add(job.id, job.progress);
  }

  private _onUpdated(sender: JobWatcher, job: IJob): void {
    if (this._job?.id !== job.id) {
      return;
    }
    this._show(job);
    this._emit();
  }

  private _onEnded(sender: JobWatcher, job: IJob): void {
    if (this._job?.id === job.id) {
      this._show(job);
      this._emit();
    }
    this._ended.emit(job);
  }

  private _onLost(sender: JobWatcher, lost: JobWatcher.ILostJob): void {
    if (this._job?.id !== lost.id) {
      return;
    }
    this._job = null;
    this._rate.reset();
    this._emit();
    this._lost.emit(lost.error);
  }

  private _emit(): void {
    if (!this._isDisposed) {
      this._changed.emit();
    }
  }

  private _api: IDvcS3Api;
  private _watcher: JobWatcher;
  private _rate: TransferRate;
  private _isDisposed = false;
  private _isStarting = false;
  private _cancelRequested: string | null = null;
  private _job: IJob | null = null;
  private _changed = new Signal<this, void>(this);
  private _ended = new Signal<this, IJob>(this);
  private _lost = new Signal<this, IErrorInfo>(this);
}

/**
 * Types of the job tracker.
 */
export namespace JobTracker {
  export interface IOptions {
    /**
     * The REST client.
     */
    api: IDvcS3Api;

    /**
     * Time between two requests for the state of a running job, in ms.
     */
    pollInterval?: number;

    /**
     * Rate of the running step; tests pass one with a fake clock.
     */
    rate?: TransferRate;
  }
}
