import { IDisposable } from '@lumino/disposable';

import { toErrorInfo } from './api';
import { ListRefresher } from './refresher';
import {
  IDvcS3Api,
  IErrorInfo,
  IGitIdentity,
  IJob,
  IModelFile,
  IRepoInfo
} from './tokens';

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
 * Callbacks of the panel model that a `RepoLoader` uses.
 */
export interface IRepoLoaderHost {
  /**
   * Store the reason of a failed load.
   */
  loadFailed(error: IErrorInfo): void;

  /**
   * Apply a load of the current folder: its repository and its jobs,
   * newest first. The loader has stored the repository and models already.
   */
  loaded(repo: IRepoInfo, jobs: IJob[]): void;

  /**
   * Report a change of the loaded state.
   */
  changed(): void;
}

/**
 * The folder the panel follows, with its repository and model files.
 *
 * It loads them on request, periodically and after file changes, and drops
 * the responses of loads that a newer one overtook.
 */
export class RepoLoader implements IDisposable {
  constructor(options: RepoLoader.IOptions) {
    this._api = options.api;
    this._host = options.host;
    this._refresher = new ListRefresher({
      refresh: () => this.refresh(),
      debounce: options.refreshDebounce
    });
    this.setRefreshInterval(
      options.refreshInterval ?? DEFAULT_REFRESH_INTERVAL
    );
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

  get isLoading(): boolean {
    return this._isLoading;
  }

  /**
   * Count of folder changes, so that work started in one folder can tell
   * whether the panel still shows it.
   */
  get folderGeneration(): number {
    return this._folderGeneration;
  }

  /**
   * Follow another folder and forget the repository and models of the
   * previous one. The caller loads the new folder with `refresh`.
   */
  moveTo(path: string): void {
    this._path = path;
    this._folderGeneration += 1;
    this._remoteChecks = 0;
    this._repo = null;
    this._models = [];
  }

  /**
   * Reload the repository, the model list and the running job of the
   * current folder.
   *
   * @returns Whether the refresh succeeded. On failure the host stores the
   * reason.
   * A refresh overtaken by a newer one changes nothing and returns true.
   */
  async refresh(): Promise<boolean> {
    const sequence = ++this._refreshSequence;
    const path = this._path;
    this._isLoading = true;
    this._host.changed();

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
      this._host.loadFailed(toErrorInfo(error));
      this._host.changed();
      return false;
    }

    if (sequence !== this._refreshSequence) {
      return true;
    }
    this._isLoading = false;
    this._repo = repo;
    this._models = models;
    this._host.loaded(repo, jobs);
    this._checkRemoteLater();
    this._host.changed();
    return true;
  }

  /**
   * Ask for a refresh after a file change; quick successions give one.
   */
  requestRefresh(): void {
    this._refresher.request();
  }

  /**
   * Set the time between two refreshes of the model list, in seconds.
   * Zero or less turns the periodic refresh off.
   */
  setRefreshInterval(seconds: number): void {
    this._refresher.setInterval(seconds);
  }

  /**
   * Tell the loader whether the panel is shown. The periodic refresh
   * pauses while it is hidden and runs at once when it is shown again.
   */
  setVisible(visible: boolean): void {
    this._refresher.setVisible(visible);
  }

  /**
   * Store the git name and email saved in the repository of `path`, unless
   * the panel moved to another folder meanwhile.
   */
  setIdentity(path: string, identity: IGitIdentity): void {
    if (this._repo !== null && path === this._path) {
      this._repo = { ...this._repo, git_identity: identity };
    }
  }

  /**
   * Tell whether the workspace file has changes that are in no version.
   */
  isModified(path: string): boolean {
    return this._models.some(
      m => m.path === path && m.workspace === 'modified'
    );
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._refresher.dispose();
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

  private _api: IDvcS3Api;
  private _host: IRepoLoaderHost;
  private _refresher: ListRefresher;
  private _isDisposed = false;
  private _isLoading = false;
  private _refreshSequence = 0;
  private _folderGeneration = 0;
  private _remoteChecks = 0;
  private _path = '';
  private _repo: IRepoInfo | null = null;
  private _models: IModelFile[] = [];
}

/**
 * Types of the repository loader.
 */
export namespace RepoLoader {
  export interface IOptions {
    /**
     * The REST client.
     */
    api: IDvcS3Api;

    /**
     * The panel model's callbacks.
     */
    host: IRepoLoaderHost;

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

/**
 * Tell whether an API path lies under a folder; `''` is the server root.
 */
export function isUnderFolder(path: string, folder: string): boolean {
  return folder === '' || path.startsWith(`${folder}/`);
}
