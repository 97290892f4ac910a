import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

import { toErrorInfo } from './api';
import { CommitMessage, DEFAULT_MESSAGE_TEMPLATE } from './commitMessage';
import { dirname, shortSha } from './format';
import { HistoryModel } from './historyModel';
import { AskIdentity, lacksIdentity } from './identity';
import { JobChain } from './jobChain';
import { buildJobRequests, makesCommit } from './jobRequests';
import { JobTracker } from './jobTracker';
import { ListRefresher } from './refresher';
import { ConfirmOverwrite, Restorer } from './restorer';
import { TransferRate } from './transferRate';
import {
  ICheckResult,
  IDvcS3Api,
  IErrorInfo,
  IIdentity,
  IInitRequest,
  IJob,
  IJobRequest,
  IModelFile,
  IModelVersion,
  IRemote,
  IRemoteSettings,
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
    this._askIdentity = options.askIdentity ?? (async () => null);
    this._pushToGit = options.pushToGit ?? true;
    this._defaultRemote = options.defaultRemote ?? '';
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
    return this._chain.combine(this._tracker.job);
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
   * the repository is being initialised, or the identity dialog is open.
   */
  get isBusy(): boolean {
    return (
      this._tracker.isActive ||
      this._chain.isRunning ||
      this._isInitializing ||
      this._isAskingIdentity
    );
  }

  /**
   * Whether the form of the DVC remote's settings is open.
   */
  get isRemoteFormOpen(): boolean {
    return this._isRemoteFormOpen;
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
    this._isRemoteFormOpen = false;
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
    const message = this.message.trim() || this.defaultMessage;
    return this._startAll(
      buildJobRequests(action, this._selectedPath, message, {
        pushToGit: this._pushToGit,
        defaultRemote: this._defaultRemote
      })
    );
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
    const message = `Restore version ${shortSha(current.commit)}`;
    return this._startAll(
      buildJobRequests('version', path, message, {
        pushToGit: this._pushToGit,
        defaultRemote: this._defaultRemote
      })
    );
  }

  /**
   * Ask the server to cancel the shown job.
   */
  async cancel(): Promise<void> {
    this._chain.stop();
    try {
      await this._tracker.cancel();
    } catch (error) {
      this._error = toErrorInfo(error);
      this._emit();
    }
  }

  /**
   * Initialise git (when the folder is in no repository) and DVC in the
   * current folder, commit DVC's files, then reload the folder.
   *
   * The git name and email are requested first when the repository lacks
   * one of them, or once the server rejects the setup with
   * `no_git_identity`.
   */
  async initRepo(): Promise<void> {
    if (this._isInitializing) {
      return;
    }
    const request: IInitRequest = {
      git: this._repo?.git_root === null,
      dvc: true
    };
    this._isInitializing = true;
    this._error = null;
    this._emit();

    let identity: IIdentity | null = null;
    if (lacksIdentity(this._repo)) {
      identity = await this._askIdentity(this._repo?.git_identity ?? null);
    }

    try {
      await this._api.initRepo(this._path, withIdentity(request, identity));
    } catch (error) {
      this._error = toErrorInfo(error);
    }

    if (this._error?.code === 'no_git_identity' && identity === null) {
      identity = await this._askIdentity(this._repo?.git_identity ?? null);
      if (identity !== null) {
        this._error = null;
        try {
          await this._api.initRepo(this._path, withIdentity(request, identity));
        } catch (error) {
          this._error = toErrorInfo(error);
        }
      }
    }

    // The reload clears the error of a failed setup, which must stay shown.
    const error = this._error;
    this._isInitializing = false;
    this._emit();
    await this.refresh();
    if (error !== null && this._error === null) {
      this._error = error;
      this._emit();
    }
  }

  /**
   * Open the form of the DVC remote's settings.
   */
  openRemoteForm(): void {
    this._isRemoteFormOpen = true;
    this._emit();
  }

  closeRemoteForm(): void {
    this._isRemoteFormOpen = false;
    this._emit();
  }

  /**
   * Save a DVC remote of the current folder's repository, then reload the
   * repository.
   *
   * @throws ApiError when the server rejects the settings.
   */
  async saveRemote(name: string, settings: IRemoteSettings): Promise<IRemote> {
    const saved = await this._api.saveRemote(this._path, name, settings);

    // The form stays open, so that the connection can be checked next.
    this._isRemoteFormOpen = true;
    await this.refresh();
    return saved;
  }

  /**
   * Make a request to the bucket of a saved DVC remote.
   *
   * @throws ApiError when the server cannot run the check.
   */
  async checkRemote(name: string): Promise<ICheckResult> {
    return this._api.checkRemote(this._path, name);
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
   * Start the jobs of a panel action: one job, or a chain that starts each
   * job after the previous one succeeded. An action that commits first
   * requests the git name and email when the repository lacks them.
   *
   * @returns The first job, or null when nothing was started.
   */
  private async _startAll(requests: IJobRequest[]): Promise<IJob | null> {
    if (requests.some(makesCommit) && !(await this._ensureIdentity())) {
      return null;
    }
    if (requests.length === 1) {
      return this._start(requests[0]);
    }
    const generation = this._folderGeneration;
    return this._chain.run(requests, request =>
      this._start(request, generation)
    );
  }

  /**
   * Request the git name and email when the repository lacks them, and
   * store them with `PUT repo/identity`.
   *
   * @returns Whether the repository has an identity now.
   */
  private async _ensureIdentity(): Promise<boolean> {
    if (!lacksIdentity(this._repo)) {
      return true;
    }
    return this._storeIdentity();
  }

  /**
   * Request the git name and email and store them in the repository.
   *
   * @returns False when the user cancelled or the server rejected them.
   * `error` then contains the reason.
   */
  private async _storeIdentity(): Promise<boolean> {
    if (this._isAskingIdentity) {
      return false;
    }
    this._isAskingIdentity = true;
    this._emit();

    const path = this._path;
    let stored = false;
    try {
      const identity = await this._askIdentity(
        this._repo?.git_identity ?? null
      );
      if (identity !== null) {
        const saved = await this._api.setIdentity(path, identity);
        if (this._repo !== null && path === this._path) {
          this._repo = { ...this._repo, git_identity: saved };
        }
        stored = true;
      }
    } catch (error) {
      this._error = toErrorInfo(error);
    }

    this._isAskingIdentity = false;
    this._emit();
    return stored;
  }

  /**
   * Request the git name and email after a job failed for lack of them,
   * then run the job again.
   */
  private async _retryWithIdentity(job: IJob): Promise<void> {
    const request = this._requests.get(job.id);
    if (request === undefined || !(await this._storeIdentity())) {
      return;
    }
    if (this._chain.contains(job.id)) {
      await this._chain.retry();
    } else {
      await this._start(request);
    }
  }

  /**
   * Start a job and show it unless the panel moved to a folder that does
   * not contain the job's file meanwhile.
   *
   * @returns The job, or null when the server rejected it. `error` then
   * contains the reason.
   */
  private async _start(
    request: IJobRequest,
    generation = this._folderGeneration
  ): Promise<IJob | null> {
    this._error = null;

    try {
      const job = await this._tracker.start(
        request,
        job =>
          generation === this._folderGeneration ||
          isUnderFolder(job.path, this._path)
      );
      this._requests.set(job.id, request);
      return job;
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
    this._chain.onJobEnded(job);
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

    if (
      isShownJob &&
      job.state === 'failed' &&
      job.error?.code === 'no_git_identity'
    ) {
      void this._retryWithIdentity(job);
    }
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
  private _askIdentity: AskIdentity;
  private _pushToGit: boolean;
  private _defaultRemote: string;
  private _chain = new JobChain();
  private _requests = new Map<string, IJobRequest>();
  private _isAskingIdentity = false;
  private _isRemoteFormOpen = false;
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

    /**
     * Dialog that requests a git name and email before a commit. Without
     * it, jobs that commit do not start while the repository lacks them.
     */
    askIdentity?: AskIdentity;

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

/**
 * Add a git name and email to a setup request, when there are any.
 */
function withIdentity(
  request: IInitRequest,
  identity: IIdentity | null
): IInitRequest {
  if (identity === null) {
    return request;
  }
  return { ...request, user_name: identity.name, user_email: identity.email };
}

/**
 * Tell whether an API path lies under a folder; `''` is the server root.
 */
function isUnderFolder(path: string, folder: string): boolean {
  return folder === '' || path.startsWith(`${folder}/`);
}
