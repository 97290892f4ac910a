import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

import { toErrorInfo } from './api';
import { CommitMessage, DEFAULT_MESSAGE_TEMPLATE } from './commitMessage';
import { dirname, shortSha } from './format';
import { HistoryModel } from './historyModel';
import { JobTracker } from './jobTracker';
import { ListRefresher } from './refresher';
import { ConfirmOverwrite, Restorer } from './restorer';
import { TransferRate } from './transferRate';
import {
  IDvcS3Api,
  IErrorInfo,
  IJob,
  IJobRequest,
  IModelFile,
  IModelVersion,
  IRepoInfo,
  isJobActive,
  PanelAction
} from './tokens';

export { DEFAULT_MESSAGE_TEMPLATE };

/**
 * Default time between two refreshes of the model list, in seconds.
 */
export const DEFAULT_REFRESH_INTERVAL = 10;

/**
 * Wait before the model list is loaded again while the server still checks
 * which data is in the remote, in ms.
 */
const REMOTE_CHECK_DELAY = 2000;

/**
 * Maximum number of those extra loads per folder.
 */
const MAX_REMOTE_CHECKS = 3;

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
 * It follows one folder and loads its repository and model files. It stores
 * the selection, and starts jobs whose progress a `JobTracker` follows. The
 * commit message and the open version history are parts of their own.
 */
export class DvcS3Model implements IDisposable {
  constructor(options: DvcS3Model.IOptions) {
    this._api = options.api;
    this._message = new CommitMessage(options.messageTemplate);
    this._restorer = new Restorer(
      {
        canStart: () => this.canStart,
        lastError: () => this._error,
        isModified: path =>
          this._models.some(m => m.path === path && m.workspace === 'modified'),
        startJob: request => this._start(request)
      },
      options.confirmOverwrite ?? (async () => false)
    );

    this._tracker = new JobTracker({
      api: this._api,
      pollInterval: options.jobPollInterval,
      rate: options.rate
    });
    this._tracker.changed.connect(this._emit, this);
    this._tracker.ended.connect(this._onJobEnded, this);
    this._tracker.lost.connect(this._onJobLost, this);

    this.history = new HistoryModel(this._api);
    this.history.changed.connect(this._emit, this);

    this._refresher = new ListRefresher({
      refresh: () => this.refresh(),
      debounce: options.refreshDebounce
    });
    this.setRefreshInterval(
      options.refreshInterval ?? DEFAULT_REFRESH_INTERVAL
    );
  }

  /**
   * The version history of one model, open in the panel.
   */
  readonly history: HistoryModel;

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
    return this._message.value;
  }

  get isMessageEdited(): boolean {
    return this._message.isEdited;
  }

  /**
   * The template filled with the selected file's path in its repository.
   */
  get defaultMessage(): string {
    return this._message.defaultValue;
  }

  /**
   * The job shown in the panel: the last one started here or found running
   * in this folder's repository.
   */
  get job(): IJob | null {
    return this._tracker.job;
  }

  /**
   * Transfer rate of the shown job's running step in units per second, or
   * null while unknown.
   */
  get rate(): number | null {
    return this._tracker.rate;
  }

  /**
   * Whether the shown job was asked to cancel and still runs.
   */
  get isCancelling(): boolean {
    return this._tracker.isCancelling;
  }

  /**
   * Whether a job of this repository is being started, queued or running,
   * or the repository is being initialised.
   */
  get isBusy(): boolean {
    return this._tracker.isActive || this._isInitializing;
  }

  /**
   * Tell whether the button of an action can be used now.
   */
  canRun(action: PanelAction): boolean {
    return this.canStart && this._selectedPath !== null;
  }

  /**
   * Whether a job on any model of the repository can start now.
   */
  get canStart(): boolean {
    return this.repoStatus === 'ready' && !this.isBusy;
  }

  /**
   * Follow another folder: drop the selection, the shown job and the open
   * history, and load the folder's repository and models.
   */
  async setPath(path: string): Promise<void> {
    if (path === this._path && this._repo !== null) {
      return;
    }
    this._path = path;
    this._folderGeneration += 1;
    this._remoteChecks = 0;
    this._repo = null;
    this._models = [];
    this._error = null;
    this._selectedPath = null;
    this._message.reset();
    this._message.setFile(null, null);
    this.history.close();
    this._tracker.clear();
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
    this._message.setFile(this._selectedPath, repo.git_root);
    if (this._error && !this._tracker.isStarting) {
      this._error = null;
    }
    this._tracker.adopt(jobs);
    this._checkRemoteLater();
    this._emit();
    return true;
  }

  /**
   * Ask for a refresh after a file change; quick successions give one.
   */
  requestRefresh(): void {
    this._refresher.request();
  }

  select(path: string | null): void {
    if (path === this._selectedPath) {
      return;
    }
    this._selectedPath = path;
    this._message.setFile(path, this._repo?.git_root ?? null);
    this._emit();
  }

  /**
   * Set the commit message typed by the user. From then on, a change of
   * the selection keeps the message.
   */
  setMessage(message: string): void {
    this._message.edit(message);
    this._emit();
  }

  /**
   * Set the template of the default commit message; `{path}` is replaced
   * by the file's path in its repository.
   */
  setMessageTemplate(template: string): void {
    this._message.setTemplate(template);
    this._emit();
  }

  /**
   * Set the time between two refreshes of the model list, in seconds.
   * Zero or less turns the periodic refresh off.
   */
  setRefreshInterval(seconds: number): void {
    this._refresher.setInterval(seconds);
  }

  /**
   * Tell the model whether the panel is shown. The periodic refresh pauses
   * while it is hidden and runs at once when it is shown again.
   */
  setVisible(visible: boolean): void {
    this._refresher.setVisible(visible);
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
    return this._start(request);
  }

  /**
   * Select a file and start a version job on it: add, push, commit and git
   * push. The panel moves to the file's folder unless the file lies under
   * the current folder.
   */
  async saveVersion(path: string): Promise<IJob | null> {
    await this._showFile(path);
    return this.run('version');
  }

  /**
   * Download the data of a tracked model from the remote.
   */
  async pull(path: string): Promise<IJob | null> {
    if (!this.canStart) {
      return null;
    }
    return this._start({ action: 'pull', path });
  }

  /**
   * Select a model and open its version history.
   */
  async openHistory(path: string): Promise<void> {
    this.select(path);
    await this.history.open(path);
  }

  /**
   * Move to a file's folder when needed, then open its version history.
   */
  async showVersions(path: string): Promise<void> {
    await this._showFile(path);
    await this.history.open(path);
  }

  /**
   * Put a version of the open model into the workspace. When the file has
   * unsaved changes, `confirmOverwrite` requests confirmation first.
   *
   * @returns The job, or null when nothing was started.
   */
  async restore(version: IModelVersion): Promise<IJob | null> {
    const path = this.history.path;
    if (path === null) {
      return null;
    }
    this._error = null;
    return this._restorer.restore(path, version);
  }

  /**
   * Save the restored older version as the newest version, with a
   * commit message that names it.
   */
  async saveRestored(): Promise<IJob | null> {
    const path = this.history.path;
    const current = this.history.current;
    if (path === null || current === null || !this.canStart) {
      return null;
    }
    this.select(path);
    return this._start({
      action: 'version',
      path,
      message: `Restore version ${shortSha(current.commit)}`
    });
  }

  /**
   * Ask the server to cancel the shown job.
   */
  async cancel(): Promise<void> {
    try {
      await this._tracker.cancel();
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
    this._refresher.dispose();
    this._tracker.dispose();
    Signal.clearData(this);
  }

  /**
   * Start a job and show it unless the panel moved to a folder that does
   * not contain the job's file meanwhile.
   *
   * @returns The job, or null when the server rejected it. `error` then
   * contains the reason.
   */
  private async _start(request: IJobRequest): Promise<IJob | null> {
    const generation = this._folderGeneration;
    this._error = null;

    try {
      return await this._tracker.start(
        request,
        job =>
          generation === this._folderGeneration ||
          isUnderFolder(job.path, this._path)
      );
    } catch (error) {
      this._error = toErrorInfo(error);
      this._emit();
      return null;
    }
  }

  /**
   * Load the list again a little later while the server still checks which
   * data is in the remote.
   */
  private _checkRemoteLater(): void {
    const pending = this._models.some(m => m.tracked && m.remote === 'unknown');
    if (pending && this._remoteChecks < MAX_REMOTE_CHECKS) {
      this._remoteChecks += 1;
      this._refresher.requestLater(REMOTE_CHECK_DELAY);
    }
  }

  private async _showFile(path: string): Promise<void> {
    if (!isUnderFolder(path, this._path)) {
      await this.setPath(dirname(path));
    } else if (this._repo === null) {
      await this.refresh();
    }
    this.select(path);
  }

  private _onJobEnded(sender: JobTracker, job: IJob): void {
    const isShownJob = this._tracker.job?.id === job.id;
    const isSavedVersion =
      job.state === 'succeeded' &&
      (job.action === 'commit' || job.action === 'version');
    if (isShownJob && isSavedVersion) {
      this._message.reset();
      this._emit();
    }

    this._jobEnded.emit(job);

    if (isShownJob) {
      void this.refresh();
    }
    if (job.path === this.history.path && !isJobActive(job)) {
      void this.history.reload();
    }
    this._restorer.onJobEnded(job);
  }

  private _onJobLost(sender: JobTracker, error: IErrorInfo): void {
    this._error = error;
    this._emit();
  }

  private _emit(): void {
    if (!this._isDisposed) {
      this._stateChanged.emit();
    }
  }

  private _api: IDvcS3Api;
  private _tracker: JobTracker;
  private _refresher: ListRefresher;
  private _message: CommitMessage;
  private _restorer: Restorer;
  private _isDisposed = false;
  private _isLoading = false;
  private _isInitializing = false;
  private _refreshSequence = 0;
  private _folderGeneration = 0;
  private _remoteChecks = 0;
  private _path = '';
  private _repo: IRepoInfo | null = null;
  private _models: IModelFile[] = [];
  private _error: IErrorInfo | null = null;
  private _selectedPath: string | null = null;
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
     * Wait after the last file change before a refresh, in ms.
     */
    refreshDebounce?: number;

    /**
     * Time between two requests for the state of a running job, in ms.
     */
    jobPollInterval?: number;

    /**
     * Rate of a job's running step. Tests pass one with a fake clock.
     */
    rate?: TransferRate;

    /**
     * Dialog shown before a restore overwrites unsaved changes. Without
     * it, no restore overwrites them.
     */
    confirmOverwrite?: ConfirmOverwrite;
  }
}

/**
 * Tell whether an API path lies under a folder; `''` is the server root.
 */
function isUnderFolder(path: string, folder: string): boolean {
  return folder === '' || path.startsWith(`${folder}/`);
}
