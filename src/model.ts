import { IDisposable } from '@lumino/disposable';
import { Poll } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';

import { toErrorInfo } from './api';
import { dirname, fillMessageTemplate, relativePath } from './format';
import { JobWatcher } from './jobWatcher';
import {
  IDvcS3Api,
  IErrorInfo,
  IJob,
  IJobRequest,
  IModelFile,
  IRepoInfo,
  isJobActive,
  PanelAction
} from './tokens';

/**
 * Default commit message; `{path}` is the file's path in the repository.
 */
export const DEFAULT_MESSAGE_TEMPLATE = 'Save version of {path}';

/**
 * Default time between two refreshes of the model list, in seconds.
 */
export const DEFAULT_REFRESH_INTERVAL = 10;

/**
 * Maximum time between two refreshes of the model list after failed
 * refreshes, in ms.
 */
const MAX_REFRESH_BACKOFF = 5 * 60 * 1000;

/**
 * What the panel can show about the current folder.
 *
 * - `loading`: the first response about the folder has not arrived.
 * - `error`: the repo request failed, and `error` contains the reason.
 * - `no_git`: the folder is in no git repository.
 * - `no_dvc`: the git repository has no `.dvc/` folder.
 * - `ready`: DVC is set up and the model list is loaded.
 */
export type RepoStatus = 'loading' | 'error' | 'no_git' | 'no_dvc' | 'ready';

/**
 * State of the DVC models panel, without any DOM.
 *
 * It follows one folder, loads the repository and its model files, stores
 * the selected file and the commit message, starts jobs and follows the job shown
 * in the panel until it ends.
 */
export class DvcS3Model implements IDisposable {
  constructor(options: DvcS3Model.IOptions) {
    this._api = options.api;
    this._messageTemplate = options.messageTemplate ?? DEFAULT_MESSAGE_TEMPLATE;

    this._watcher = new JobWatcher(this._api, options.jobPollInterval);
    this._watcher.updated.connect(this._onJobUpdated, this);
    this._watcher.ended.connect(this._onJobEnded, this);
    this._watcher.lost.connect(this._onJobLost, this);

    this.setRefreshInterval(
      options.refreshInterval ?? DEFAULT_REFRESH_INTERVAL
    );
  }

  /**
   * Emitted after any change of the state below.
   */
  get stateChanged(): ISignal<this, void> {
    return this._stateChanged;
  }

  /**
   * Emitted once for every job started or followed by this model when it
   * ends, whichever folder the panel shows by then.
   */
  get jobEnded(): ISignal<this, IJob> {
    return this._jobEnded;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * API path of the current folder; `''` is the server root.
   */
  get path(): string {
    return this._path;
  }

  get repo(): IRepoInfo | null {
    return this._repo;
  }

  get models(): readonly IModelFile[] {
    return this._models;
  }

  /**
   * The last failed request (load, start, cancel or init), or null.
   */
  get error(): IErrorInfo | null {
    return this._error;
  }

  get isLoading(): boolean {
    return this._isLoading;
  }

  get repoStatus(): RepoStatus {
    if (this._repo === null) {
      return this._error && !this._isLoading ? 'error' : 'loading';
    }
    if (this._repo.git_root === null) {
      return 'no_git';
    }
    return this._repo.dvc_initialized ? 'ready' : 'no_dvc';
  }

  get selectedPath(): string | null {
    return this._selectedPath;
  }

  get selectedModel(): IModelFile | null {
    return this._models.find(m => m.path === this._selectedPath) ?? null;
  }

  /**
   * The commit message: the user's text once edited, else the default.
   */
  get message(): string {
    return this._messageEdited ? this._message : this.defaultMessage;
  }

  get isMessageEdited(): boolean {
    return this._messageEdited;
  }

  /**
   * The template filled with the selected file's path in its repository.
   */
  get defaultMessage(): string {
    if (this._selectedPath === null) {
      return '';
    }
    const path = relativePath(this._selectedPath, this._repo?.git_root ?? '');
    return fillMessageTemplate(this._messageTemplate, path);
  }

  /**
   * The job shown in the panel: the last one started here or found running
   * in this folder's repository.
   */
  get job(): IJob | null {
    return this._job;
  }

  /**
   * Whether a job of this repository is being started, queued or running,
   * or the repository is being initialised.
   */
  get isBusy(): boolean {
    return this._isStarting || this._isInitializing || isJobActive(this._job);
  }

  /**
   * Tell whether the button of an action can be used now.
   */
  canRun(action: PanelAction): boolean {
    return (
      this.repoStatus === 'ready' && this._selectedPath !== null && !this.isBusy
    );
  }

  /**
   * Follow another folder: drop the selection and the shown job, and load
   * the folder's repository and models.
   */
  async setPath(path: string): Promise<void> {
    if (path === this._path && this._repo !== null) {
      return;
    }
    this._path = path;
    this._folderGeneration += 1;
    this._repo = null;
    this._models = [];
    this._job = null;
    this._error = null;
    this._selectedPath = null;
    this._messageEdited = false;
    this._emit();
    await this.refresh();
  }

  /**
   * Reload the repository, the model list and the running job of the
   * current folder.
   *
   * @returns Whether the refresh succeeded. On failure `error` contains the
   * reason.
   * A refresh overtaken by a newer one changes nothing and returns true.
   */
  async refresh(): Promise<boolean> {
    const sequence = ++this._refreshSequence;
    const path = this._path;
    this._isLoading = true;
    this._emit();

    let repo: IRepoInfo;
    let models: IModelFile[] = [];
    let jobs: IJob[] = [];
    try {
      repo = await this._api.getRepo(path);
      if (repo.git_root !== null && repo.dvc_initialized) {
        [models, jobs] = await Promise.all([
          this._api.getModels(path),
          this._api.listJobs(path)
        ]);
      }
    } catch (error) {
      if (sequence !== this._refreshSequence) {
        return true;
      }
      this._isLoading = false;
      this._error = toErrorInfo(error);
      this._emit();
      return false;
    }

    if (sequence !== this._refreshSequence) {
      return true;
    }
    this._isLoading = false;
    this._repo = repo;
    this._models = models;
    if (this._error && !this._isStarting) {
      this._error = null;
    }
    this._adoptRunningJob(jobs);
    this._emit();
    return true;
  }

  select(path: string | null): void {
    if (path === this._selectedPath) {
      return;
    }
    this._selectedPath = path;
    this._emit();
  }

  /**
   * Set the commit message typed by the user. From then on, a change of
   * the selection keeps the message.
   */
  setMessage(message: string): void {
    this._message = message;
    this._messageEdited = true;
    this._emit();
  }

  /**
   * Set the template of the default commit message; `{path}` is replaced
   * by the file's path in its repository.
   */
  setMessageTemplate(template: string): void {
    this._messageTemplate = template || DEFAULT_MESSAGE_TEMPLATE;
    this._emit();
  }

  /**
   * Set the time between two refreshes of the model list, in seconds.
   * Zero or less turns the periodic refresh off.
   */
  setRefreshInterval(seconds: number): void {
    this._listPoll?.dispose();
    this._listPoll = null;
    if (!(seconds > 0)) {
      return;
    }

    const interval = seconds * 1000;
    this._listPoll = new Poll({
      factory: async () => {
        if (!(await this.refresh())) {
          throw new Error('The refresh of the DVC model list failed.');
        }
      },
      frequency: {
        interval,
        backoff: true,
        max: Math.max(interval, MAX_REFRESH_BACKOFF)
      },
      name: 'jupyter-dvc-s3:models',
      standby: () => !this._isVisible || 'when-hidden'
    });
  }

  /**
   * Tell the model whether the panel is shown. The periodic refresh pauses
   * while it is hidden and runs at once when it is shown again.
   */
  setVisible(visible: boolean): void {
    if (visible === this._isVisible) {
      return;
    }
    this._isVisible = visible;
    if (visible && this._listPoll) {
      void this._listPoll.refresh();
    }
  }

  /**
   * Start a job on the selected file and follow it.
   *
   * @returns The job, or null when the action cannot run now or the server
   * rejected it. `error` then contains the reason.
   */
  async run(action: PanelAction): Promise<IJob | null> {
    if (!this.canRun(action) || this._selectedPath === null) {
      return null;
    }

    const request: IJobRequest = { action, path: this._selectedPath };
    if (action === 'commit' || action === 'version') {
      request.message = this.message.trim() || this.defaultMessage;
    }
    const generation = this._folderGeneration;
    this._isStarting = true;
    this._error = null;
    this._emit();

    let job: IJob;
    try {
      job = await this._api.startJob(request);
    } catch (error) {
      this._isStarting = false;
      this._error = toErrorInfo(error);
      this._emit();
      return null;
    }

    this._isStarting = false;
    if (generation === this._folderGeneration || isSameJobFolder(this, job)) {
      this._job = job;
    }
    this._emit();
    this._watcher.watch(job);
    return job;
  }

  /**
   * Select a file and start a version job on it: add, push, commit and git
   * push. The panel moves to the file's folder unless the file lies under
   * the current folder.
   */
  async saveVersion(path: string): Promise<IJob | null> {
    const inCurrentFolder =
      this._path === '' || path.startsWith(`${this._path}/`);
    if (!inCurrentFolder) {
      await this.setPath(dirname(path));
    } else if (this._repo === null) {
      await this.refresh();
    }
    this.select(path);
    return this.run('version');
  }

  /**
   * Ask the server to cancel the shown job.
   */
  async cancel(): Promise<void> {
    const job = this._job;
    if (!isJobActive(job) || job === null) {
      return;
    }
    try {
      const cancelled = await this._api.cancelJob(job.id);
      this._onJobUpdated(this._watcher, cancelled);
    } catch (error) {
      this._error = toErrorInfo(error);
      this._emit();
    }
  }

  /**
   * Initialise git (when the folder is in no repository) and DVC in the
   * current folder, then reload it.
   */
  async initRepo(): Promise<void> {
    if (this._isInitializing) {
      return;
    }
    const git = this._repo?.git_root === null;
    this._isInitializing = true;
    this._error = null;
    this._emit();

    try {
      await this._api.initRepo(this._path, { git, dvc: true });
    } catch (error) {
      this._error = toErrorInfo(error);
    }
    this._isInitializing = false;
    this._emit();
    await this.refresh();
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._listPoll?.dispose();
    this._watcher.dispose();
    Signal.clearData(this);
  }

  /**
   * Show the newest job of the repository when it is queued or running and
   * no other job is shown as running.
   */
  private _adoptRunningJob(jobs: IJob[]): void {
    if (isJobActive(this._job) || jobs.length === 0) {
      return;
    }
    const newest = jobs[0];
    if (!isJobActive(newest) || this._watcher.hasEnded(newest.id)) {
      return;
    }
    this._job = this._watcher.get(newest.id) ?? newest;
    this._watcher.watch(newest);
  }

  private _onJobUpdated(sender: JobWatcher, job: IJob): void {
    if (this._job?.id !== job.id) {
      return;
    }
    this._job = job;
    this._emit();
  }

  private _onJobEnded(sender: JobWatcher, job: IJob): void {
    const isShownJob = this._job?.id === job.id;
    if (isShownJob) {
      this._job = job;
      if (
        job.state === 'succeeded' &&
        (job.action === 'commit' || job.action === 'version')
      ) {
        this._message = '';
        this._messageEdited = false;
      }
      this._emit();
    }

    this._jobEnded.emit(job);
    if (isShownJob) {
      void this.refresh();
    }
  }

  private _onJobLost(sender: JobWatcher, lost: JobWatcher.ILostJob): void {
    if (this._job?.id !== lost.id) {
      return;
    }
    this._job = null;
    this._error = lost.error;
    this._emit();
  }

  private _emit(): void {
    if (!this._isDisposed) {
      this._stateChanged.emit();
    }
  }

  private _api: IDvcS3Api;
  private _watcher: JobWatcher;
  private _listPoll: Poll | null = null;
  private _isDisposed = false;
  private _isVisible = false;
  private _isLoading = false;
  private _isStarting = false;
  private _isInitializing = false;
  private _refreshSequence = 0;
  private _folderGeneration = 0;
  private _path = '';
  private _repo: IRepoInfo | null = null;
  private _models: IModelFile[] = [];
  private _error: IErrorInfo | null = null;
  private _selectedPath: string | null = null;
  private _message = '';
  private _messageEdited = false;
  private _messageTemplate: string;
  private _job: IJob | null = null;
  private _stateChanged = new Signal<this, void>(this);
  private _jobEnded = new Signal<this, IJob>(this);
}

/**
 * Types of the panel model.
 */
export namespace DvcS3Model {
  export interface IOptions {
    /**
     * The REST client.
     */
    api: IDvcS3Api;

    /**
     * Template of the default commit message, with `{path}`.
     */
    messageTemplate?: string;

    /**
     * Time between two refreshes of the model list, in seconds; zero turns
     * the periodic refresh off.
     */
    refreshInterval?: number;

    /**
     * Time between two requests for the state of a running job, in ms.
     */
    jobPollInterval?: number;
  }
}

/**
 * Tell whether a job's file lies under the model's current folder.
 */
function isSameJobFolder(model: DvcS3Model, job: IJob): boolean {
  return model.path === '' || job.path.startsWith(`${model.path}/`);
}
