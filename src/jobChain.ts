import { IJob, IJobRequest, IJobStep, isJobActive, StepName } from './tokens';

/**
 * Starts one job and returns it, or null when the server rejected it. It
 * calls `accepted` with the job as soon as the server has accepted it, so
 * that the chain records the job before its end is reported.
 */
export type StartJob = (
  request: IJobRequest,
  accepted: (job: IJob) => void
) => Promise<IJob | null>;

/**
 * Jobs that run one after another, each started once the previous one
 * succeeded. Save version runs add, push and commit this way when it does
 * not push to git. The chain stops at the first job that fails or is
 * cancelled, so a commit never records data that is not in the remote.
 */
export class JobChain {
  /**
   * Whether a job of the chain runs, or the next one is about to start.
   */
  get isRunning(): boolean {
    return this._isRunning;
  }

  /**
   * Start the first request and follow the chain.
   *
   * @returns The first job, or null when the server rejected it.
   */
  async run(requests: IJobRequest[], start: StartJob): Promise<IJob | null> {
    this._requests = requests;
    this._jobs = [];
    this._start = start;
    this._isRunning = true;
    return this._startNext();
  }

  /**
   * Record the end of a job. After a success of the chain's current job,
   * start the next request.
   */
  onJobEnded(job: IJob): void {
    const last = this._jobs.length - 1;
    if (!this._isRunning || last < 0 || this._jobs[last].id !== job.id) {
      return;
    }
    this._jobs[last] = job;

    if (
      job.state === 'succeeded' &&
      this._jobs.length < this._requests.length
    ) {
      void this._startNext();
    } else {
      this._isRunning = false;
    }
  }

  /**
   * Tell whether a job was started by the chain.
   */
  contains(id: string): boolean {
    return this._jobs.some(job => job.id === id);
  }

  /**
   * Tell whether the chain stopped with this job: it is the chain's newest
   * job, it ended, and no further job starts.
   */
  isEndedBy(job: IJob): boolean {
    const last = this._jobs[this._jobs.length - 1];
    return (
      !this._isRunning &&
      last !== undefined &&
      last.id === job.id &&
      !isJobActive(job)
    );
  }

  /**
   * Start the failed job of a stopped chain again, then go on with the
   * requests after it.
   *
   * @returns The new job, or null when the chain has no failed job.
   */
  async retry(): Promise<IJob | null> {
    const last = this._jobs[this._jobs.length - 1];
    if (this._isRunning || !last || last.state !== 'failed') {
      return null;
    }
    this._jobs.pop();
    this._isRunning = true;
    return this._startNext();
  }

  /**
   * Start no further job. A job that already runs goes on.
   */
  stop(): void {
    this._isRunning = false;
  }

  /**
   * Show the chain as one job whose steps are the steps of all its jobs,
   * with the merged results.
   *
   * @param current The newest state of the shown job.
   * @returns `current` itself when it is not a job of the chain.
   */
  combine(current: IJob | null): IJob | null {
    const index = current ? this._jobs.findIndex(j => j.id === current.id) : -1;
    if (current === null || index < 0 || this._requests.length < 2) {
      return current;
    }

    const jobs = this._jobs.map((job, i) => (i === index ? current : job));
    const waitsForNext =
      this._isRunning &&
      current.state === 'succeeded' &&
      index < this._requests.length - 1;
    // The chain runs from its first start on, so a later job that is still
    // queued shows as running.
    const queuedLater = index > 0 && current.state === 'queued';
    const state = waitsForNext || queuedLater ? 'running' : current.state;
    const rest: IJobStep['state'] = isJobActive({ ...current, state })
      ? 'pending'
      : 'skipped';

    const steps: IJobStep[] = this._requests.flatMap((request, i) =>
      jobs[i]
        ? jobs[i].steps
        : [{ name: request.action as StepName, state: rest }]
    );
    const result = jobs.reduce<IJob['result']>(
      (merged, job) => (job.result ? { ...merged, ...job.result } : merged),
      null
    );

    return {
      ...current,
      action: 'version',
      path: this._requests[0].path,
      state,
      steps,
      result,
      created: jobs[0].created,
      finished: waitsForNext ? null : current.finished
    };
  }

  private async _startNext(): Promise<IJob | null> {
    const request = this._requests[this._jobs.length];
    if (!request || !this._start) {
      this._isRunning = false;
      return null;
    }

    // The job joins the chain once accepted, because a job that has already
    // ended reports its end through `onJobEnded` before `start` returns.
    const job = await this._start(request, accepted =>
      this._jobs.push(accepted)
    );
    if (job === null) {
      this._isRunning = false;
    }
    return job;
  }

  private _requests: IJobRequest[] = [];
  private _jobs: IJob[] = [];
  private _start: StartJob | null = null;
  private _isRunning = false;
}
