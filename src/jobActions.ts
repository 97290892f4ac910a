import { toErrorInfo } from './api';
import { JobChain } from './jobChain';
import { buildJobRequests, makesCommit } from './jobRequests';
import { JobTracker } from './jobTracker';
import { isUnderFolder, RepoLoader } from './repoLoader';
import { ConfirmOverwrite, Restorer } from './restorer';
import { SetupModel } from './setupModel';
import {
  IErrorInfo,
  IJob,
  IJobRequest,
  IModelVersion,
  PanelAction
} from './tokens';

/**
 * Callbacks of the panel model that `JobActions` uses.
 */
export interface IJobActionsHost {
  /**
   * Return whether a job can start now.
   */
  canStart(): boolean;

  /**
   * Return the last failed request, or null.
   */
  lastError(): IErrorInfo | null;

  /**
   * Store the last failed request, or clear it with null.
   */
  setError(error: IErrorInfo | null): void;

  /**
   * Report a change of the state shown in the panel.
   */
  changed(): void;
}

/**
 * Starts the jobs of the panel's actions: one job, or add, push and commit
 * as a chain when Save version does not push to git. It runs a job again
 * once the missing git name and email are stored, and offers to overwrite
 * unsaved changes when a restore fails on them.
 */
export class JobActions {
  constructor(options: JobActions.IOptions) {
    this._tracker = options.tracker;
    this._loader = options.loader;
    this._setup = options.setup;
    this._host = options.host;
    this._pushToGit = options.pushToGit ?? true;
    this._defaultRemote = options.defaultRemote ?? '';
    this._restorer = new Restorer(
      {
        canStart: () => this._host.canStart(),
        lastError: () => this._host.lastError(),
        isModified: path => this._loader.isModified(path),
        startJob: request => this.start(request)
      },
      options.confirmOverwrite ?? (async () => false)
    );
  }

  /**
   * The job shown in the panel, with a chain shown as one job.
   */
  get job(): IJob | null {
    return this._chain.combine(this._tracker.job);
  }

  /**
   * Whether a job is being started, queued or running, or a chain waits
   * for its next job.
   */
  get isActive(): boolean {
    return this._tracker.isActive || this._chain.isRunning;
  }

  /**
   * Set whether Save version pushes the commit to the git remote. When
   * false, Save version runs add, push and commit as three jobs in a row.
   */
  setPushToGit(pushToGit: boolean): void {
    this._pushToGit = pushToGit;
  }

  /**
   * Set the DVC remote sent with push and version jobs. With `''`, the
   * repository's default remote applies.
   */
  setDefaultRemote(name: string): void {
    this._defaultRemote = name;
  }

  /**
   * Start the jobs of a panel action on one file.
   *
   * @param message Commit message of commit and version jobs.
   * @returns The first job, or null when nothing was started.
   */
  async runAction(
    action: PanelAction,
    path: string,
    message: string
  ): Promise<IJob | null> {
    return this._startAll(
      buildJobRequests(action, path, message, {
        pushToGit: this._pushToGit,
        defaultRemote: this._defaultRemote
      })
    );
  }

  /**
   * Put a version of a model into the workspace, asking first when the
   * file has unsaved changes.
   */
  async restore(path: string, version: IModelVersion): Promise<IJob | null> {
    return this._restorer.restore(path, version);
  }

  /**
   * Ask the server to cancel the shown job, and start no further job of
   * the chain.
   */
  async cancel(): Promise<void> {
    this._chain.stop();
    try {
      await this._tracker.cancel();
    } catch (error) {
      this._host.setError(toErrorInfo(error));
      this._host.changed();
    }
  }

  /**
   * Start a job and show it unless the panel moved to a folder that does
   * not contain the job's file meanwhile.
   *
   * @param accepted Called with the job once the server has accepted it.
   * @returns The job, or null when the server rejected it. The host then
   * stores the reason.
   */
  async start(
    request: IJobRequest,
    generation = this._loader.folderGeneration,
    accepted?: (job: IJob) => void
  ): Promise<IJob | null> {
    this._host.setError(null);

    try {
      const job = await this._tracker.start(
        request,
        job =>
          generation === this._loader.folderGeneration ||
          isUnderFolder(job.path, this._loader.path),
        job => {
          this._requests.set(job.id, request);
          accepted?.(job);
        }
      );
      return job;
    } catch (error) {
      this._host.setError(toErrorInfo(error));
      this._host.changed();
      return null;
    }
  }

  /**
   * Record the end of a job, so that a chain starts its next job.
   *
   * @returns The job to report to the user: the job itself when it is in
   * no chain, the chain shown as one job once the chain stopped, or null
   * while the chain goes on.
   *
   * NOTE: a chain whose next job the server rejects reports nothing here,
   * because no job ended. The panel shows the rejection in `error`.
   */
  recordEnd(job: IJob): IJob | null {
    const inChain = this._chain.contains(job.id);
    this._chain.onJobEnded(job);
    if (!inChain) {
      return job;
    }
    return this._chain.isEndedBy(job) ? this._chain.combine(job) : null;
  }

  /**
   * Offer the overwrite after a restore failed on unsaved changes, and
   * request the git name and email after the shown job failed for lack of
   * them.
   */
  followUp(job: IJob, isShownJob: boolean): void {
    this._restorer.onJobEnded(job);

    if (
      isShownJob &&
      job.state === 'failed' &&
      job.error?.code === 'no_git_identity'
    ) {
      void this._retryWithIdentity(job);
    }
  }

  /**
   * Start the jobs of a panel action: one job, or a chain that starts each
   * job after the previous one succeeded. An action that commits first
   * requests the git name and email when the repository lacks them.
   *
   * @returns The first job, or null when nothing was started.
   */
  private async _startAll(requests: IJobRequest[]): Promise<IJob | null> {
    if (requests.some(makesCommit) && !(await this._setup.ensureIdentity())) {
      return null;
    }
    if (requests.length === 1) {
      return this.start(requests[0]);
    }
    const generation = this._loader.folderGeneration;
    return this._chain.run(requests, (request, accepted) =>
      this.start(request, generation, accepted)
    );
  }

  /**
   * Request the git name and email after a job failed for lack of them,
   * then run the job again.
   */
  private async _retryWithIdentity(job: IJob): Promise<void> {
    const request = this._requests.get(job.id);
    if (request === undefined || !(await this._setup.storeIdentity())) {
      return;
    }
    if (this._chain.contains(job.id)) {
      await this._chain.retry();
    } else {
      await this.start(request);
    }
  }

  private _tracker: JobTracker;
  private _loader: RepoLoader;
  private _setup: SetupModel;
  private _host: IJobActionsHost;
  private _restorer: Restorer;
  private _pushToGit: boolean;
  private _defaultRemote: string;
  private _chain = new JobChain();
  private _requests = new Map<string, IJobRequest>();
}

/**
 * Types of the job actions.
 */
export namespace JobActions {
  export interface IOptions {
    /**
     * The tracker that follows the started jobs.
     */
    tracker: JobTracker;

    /**
     * The loader of the current folder.
     */
    loader: RepoLoader;

    /**
     * The setup that stores the git name and email.
     */
    setup: SetupModel;

    /**
     * The panel model's callbacks.
     */
    host: IJobActionsHost;

    /**
     * Dialog shown before a restore overwrites unsaved changes. Without
     * it, no restore overwrites them.
     */
    confirmOverwrite?: ConfirmOverwrite;

    /**
     * Whether Save version pushes the commit to the git remote, true when
     * left out.
     */
    pushToGit?: boolean;

    /**
     * DVC remote sent with push and version jobs. Empty sends none.
     */
    defaultRemote?: string;
  }
}
