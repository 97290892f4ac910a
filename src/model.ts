import { ISignal, Signal } from '@lumino/signaling';

import { DEFAULT_MESSAGE_TEMPLATE } from './commitMessage';
import { dirname, shortSha } from './format';
import { HistoryModel } from './historyModel';
import { AskIdentity } from './identity';
import { JobActions } from './jobActions';
import { JobTracker } from './jobTracker';
import { PanelState, RepoStatus } from './panelState';
import { DEFAULT_REFRESH_INTERVAL, isUnderFolder } from './repoLoader';
import { ConfirmOverwrite } from './restorer';
import { SetupModel } from './setupModel';
import { TransferRate } from './transferRate';
import {
  ICheckResult,
  IErrorInfo,
  IJob,
  IModelVersion,
  IRemote,
  IRemoteSettings,
  IRepoInfo,
  isJobActive,
  PanelAction
} from './tokens';

export { DEFAULT_MESSAGE_TEMPLATE, DEFAULT_REFRESH_INTERVAL };
export type { RepoStatus };

/**
 * State of the DVC models panel, without any DOM.
 *
 * It adds to the folder's state of `PanelState` the jobs, which
 * `JobActions` starts and a `JobTracker` follows, the setup of the folder
 * in `SetupModel`, and the open version history.
 */
export class DvcS3Model extends PanelState {
  constructor(options: DvcS3Model.IOptions) {
    super(options);
    const host = {
      lastError: () => this._error,
      setError: (error: IErrorInfo | null) => (this._error = error),
      changed: () => this._emit()
    };
    this._setup = new SetupModel({
      api: options.api,
      loader: this._loader,
      host,
      askIdentity: options.askIdentity
    });

    this._tracker = new JobTracker({
      api: options.api,
      pollInterval: options.jobPollInterval,
      rate: options.rate
    });
    this._tracker.changed.connect(this._emit, this);
    this._tracker.ended.connect(this._onJobEnded, this);
    this._tracker.lost.connect(this._onJobLost, this);
    this._actions = new JobActions({
      tracker: this._tracker,
      loader: this._loader,
      setup: this._setup,
      host: { ...host, canStart: () => this.canStart },
      confirmOverwrite: options.confirmOverwrite,
      pushToGit: options.pushToGit,
      defaultRemote: options.defaultRemote
    });

    this.history = new HistoryModel(options.api);
    this.history.changed.connect(this._emit, this);
  }

  /**
   * The version history of one model, open in the panel.
   */
  readonly history: HistoryModel;

  /**
   * Emitted once for every job started or followed by this model when it
   * ends, whichever folder the panel shows by then.
   */
  get jobEnded(): ISignal<this, IJob> {
    return this._jobEnded;
  }

  /**
   * Emitted once when the work of an action ends, with the ended job. Add,
   * push and commit run as a chain report once, as one combined job, after
   * the last job or the first failed or cancelled one. The plugin shows
   * its notifications from this signal.
   */
  get actionEnded(): ISignal<this, IJob> {
    return this._actionEnded;
  }

  /**
   * The job shown in the panel: the last one started here or found running
   * in this folder's repository.
   */
  get job(): IJob | null {
    return this._actions.job;
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
      this._actions.isActive ||
      this._setup.isInitializing ||
      this._setup.isAskingIdentity
    );
  }

  /**
   * Whether the form of the DVC remote's settings is open.
   */
  get isRemoteFormOpen(): boolean {
    return this._setup.isRemoteFormOpen;
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
    if (path === this.path && this.repo !== null) {
      return;
    }
    this._loader.moveTo(path);
    this._error = null;
    this._selectedPath = null;
    this._setup.forgetForm();
    this._message.reset();
    this._message.setFile(null, null);
    this.history.close();
    this._tracker.clear();
    await this.refresh();
  }

  /**
   * Set whether Save version pushes the commit to the git remote. When
   * false, Save version runs add, push and commit as three jobs in a row.
   */
  setPushToGit(pushToGit: boolean): void {
    this._actions.setPushToGit(pushToGit);
  }

  /**
   * Set the DVC remote sent with push and version jobs. With `''`, the
   * repository's default remote applies.
   */
  setDefaultRemote(name: string): void {
    this._actions.setDefaultRemote(name);
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
    return this._actions.runAction(action, this._selectedPath, message);
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
    return this._actions.start({ action: 'pull', path });
  }

  /**
   * Select a model. An open history of another model closes, so that its
   * Restore buttons cannot act on a model that is no longer selected.
   */
  select(path: string | null): void {
    super.select(path);
    if (this.history.path !== null && this.history.path !== path) {
      this.history.close();
    }
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
    return this._actions.restore(path, version);
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
    return this._actions.runAction('version', path, message);
  }

  /**
   * Ask the server to cancel the shown job.
   */
  async cancel(): Promise<void> {
    await this._actions.cancel();
  }

  /**
   * Initialise git and DVC in the current folder, as `SetupModel` does.
   */
  async initRepo(): Promise<void> {
    await this._setup.initRepo();
  }

  /**
   * Open the form of the DVC remote's settings.
   */
  openRemoteForm(): void {
    this._setup.openRemoteForm();
  }

  closeRemoteForm(): void {
    this._setup.closeRemoteForm();
  }

  /**
   * Save a DVC remote of the current folder's repository, then reload the
   * repository.
   *
   * @throws ApiError when the server rejects the settings.
   */
  async saveRemote(name: string, settings: IRemoteSettings): Promise<IRemote> {
    return this._setup.saveRemote(name, settings);
  }

  /**
   * Make a request to the bucket of a saved DVC remote.
   *
   * @throws ApiError when the server cannot run the check.
   */
  async checkRemote(name: string): Promise<ICheckResult> {
    return this._setup.checkRemote(name);
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._tracker.dispose();
    super.dispose();
  }

  protected _onLoaded(repo: IRepoInfo, jobs: IJob[]): void {
    this._message.setFile(this._selectedPath, repo.git_root);
    if (this._error && !this._tracker.isStarting) {
      this._error = null;
    }
    this._tracker.adopt(jobs);
  }

  private async _showFile(path: string): Promise<void> {
    if (!isUnderFolder(path, this.path)) {
      await this.setPath(dirname(path));
    } else if (this.repo === null) {
      await this.refresh();
    }
    this.select(path);
  }

  private _onJobEnded(sender: JobTracker, job: IJob): void {
    const isShownJob = this._tracker.job?.id === job.id;
    const finished = this._actions.recordEnd(job);
    const isSavedVersion =
      job.state === 'succeeded' &&
      (job.action === 'commit' || job.action === 'version');
    if (isShownJob && isSavedVersion) {
      this._message.reset();
      this._emit();
    }

    this._jobEnded.emit(job);
    if (finished !== null) {
      this._actionEnded.emit(finished);
    }

    if (isShownJob) {
      void this.refresh();
    }
    if (job.path === this.history.path && !isJobActive(job)) {
      void this.history.reload();
    }
    this._actions.followUp(job, isShownJob);
  }

  private _onJobLost(sender: JobTracker, error: IErrorInfo): void {
    this._error = error;
    this._emit();
  }

  private _setup: SetupModel;
  private _actions: JobActions;
  private _tracker: JobTracker;
  private _jobEnded = new Signal<this, IJob>(this);
  private _actionEnded = new Signal<this, IJob>(this);
}

/**
 * Types of the panel model.
 */
export namespace DvcS3Model {
  export interface IOptions extends PanelState.IOptions {
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
