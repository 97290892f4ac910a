import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

import { CommitMessage } from './commitMessage';
import { RepoLoader } from './repoLoader';
import { IDvcS3Api, IErrorInfo, IJob, IModelFile, IRepoInfo } from './tokens';

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
 * The part of the panel's state that concerns the current folder: its
 * repository and model files, which a `RepoLoader` loads, the selection,
 * the commit message and the last error.
 *
 * `DvcS3Model` extends it with jobs, setup and version history.
 */
export abstract class PanelState implements IDisposable {
  constructor(options: PanelState.IOptions) {
    this._message = new CommitMessage(options.messageTemplate);
    this._loader = new RepoLoader({
      api: options.api,
      refreshInterval: options.refreshInterval,
      refreshDebounce: options.refreshDebounce,
      host: {
        loadFailed: error => (this._error = error),
        loaded: (repo, jobs) => this._onLoaded(repo, jobs),
        changed: () => this._emit()
      }
    });
  }

  /**
   * Emitted after any change of the state below.
   */
  get stateChanged(): ISignal<this, void> {
    return this._stateChanged;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * API path of the current folder; `''` is the server root.
   */
  get path(): string {
    return this._loader.path;
  }

  get repo(): IRepoInfo | null {
    return this._loader.repo;
  }

  get models(): readonly IModelFile[] {
    return this._loader.models;
  }

  /**
   * The last failed request (load, start, cancel or init), or null.
   */
  get error(): IErrorInfo | null {
    return this._error;
  }

  get isLoading(): boolean {
    return this._loader.isLoading;
  }

  get repoStatus(): RepoStatus {
    const repo = this._loader.repo;
    if (repo === null) {
      return this._error && !this.isLoading ? 'error' : 'loading';
    }
    if (repo.git_root === null) {
      return 'no_git';
    }
    return repo.dvc_initialized ? 'ready' : 'no_dvc';
  }

  get selectedPath(): string | null {
    return this._selectedPath;
  }

  get selectedModel(): IModelFile | null {
    return this.models.find(m => m.path === this._selectedPath) ?? null;
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
   * Reload the repository, the model list and the running job of the
   * current folder.
   *
   * @returns Whether the refresh succeeded. On failure `error` contains the
   * reason.
   * A refresh overtaken by a newer one changes nothing and returns true.
   */
  async refresh(): Promise<boolean> {
    return this._loader.refresh();
  }

  /**
   * Ask for a refresh after a file change; quick successions give one.
   */
  requestRefresh(): void {
    this._loader.requestRefresh();
  }

  select(path: string | null): void {
    if (path === this._selectedPath) {
      return;
    }
    this._selectedPath = path;
    this._message.setFile(path, this.repo?.git_root ?? null);
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
    this._loader.setRefreshInterval(seconds);
  }

  /**
   * Tell the model whether the panel is shown. The periodic refresh pauses
   * while it is hidden and runs at once when it is shown again.
   */
  setVisible(visible: boolean): void {
    this._loader.setVisible(visible);
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._loader.dispose();
    Signal.clearData(this);
  }

  /**
   * Apply a load of the current folder: its repository and its jobs,
   * newest first.
   */
  protected abstract _onLoaded(repo: IRepoInfo, jobs: IJob[]): void;

  protected _emit(): void {
    if (!this._isDisposed) {
      this._stateChanged.emit();
    }
  }

  protected _loader: RepoLoader;
  protected _message: CommitMessage;
  protected _error: IErrorInfo | null = null;
  protected _selectedPath: string | null = null;
  private _isDisposed = false;
  private _stateChanged = new Signal<this, void>(this);
}

/**
 * Types of the folder state.
 */
export namespace PanelState {
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
  }
}
