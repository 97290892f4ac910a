import { toErrorInfo } from './api';
import { AskIdentity, lacksIdentity } from './identity';
import { RepoLoader } from './repoLoader';
import {
  ICheckResult,
  IDvcS3Api,
  IErrorInfo,
  IIdentity,
  IInitRequest,
  IRemote,
  IRemoteSettings
} from './tokens';

/**
 * Callbacks of the panel model that a `SetupModel` uses.
 */
export interface ISetupHost {
  /**
   * Return the last failed request, or null.
   */
  lastError(): IErrorInfo | null;

  /**
   * Store the last failed request, or clear it with null.
   */
  setError(error: IErrorInfo | null): void;

  /**
   * Report a change of the setup state.
   */
  changed(): void;
}

/**
 * The setup of the current folder: git and DVC initialisation, the git
 * name and email, and the form of the DVC remote's settings.
 */
export class SetupModel {
  constructor(options: SetupModel.IOptions) {
    this._api = options.api;
    this._loader = options.loader;
    this._host = options.host;
    this._askIdentity = options.askIdentity ?? (async () => null);
  }

  /**
   * Whether git and DVC are being initialised.
   */
  get isInitializing(): boolean {
    return this._isInitializing;
  }

  /**
   * Whether the dialog of the git name and email is open.
   */
  get isAskingIdentity(): boolean {
    return this._isAskingIdentity;
  }

  /**
   * Whether the form of the DVC remote's settings is open.
   */
  get isRemoteFormOpen(): boolean {
    return this._isRemoteFormOpen;
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
      git: this._loader.repo?.git_root === null,
      dvc: true
    };
    this._isInitializing = true;
    this._host.setError(null);
    this._host.changed();

    let identity: IIdentity | null = null;
    if (lacksIdentity(this._loader.repo)) {
      identity = await this._askIdentity(
        this._loader.repo?.git_identity ?? null
      );
    }

    try {
      await this._api.initRepo(
        this._loader.path,
        withIdentity(request, identity)
      );
    } catch (error) {
      this._host.setError(toErrorInfo(error));
    }

    if (
      this._host.lastError()?.code === 'no_git_identity' &&
      identity === null
    ) {
      identity = await this._askIdentity(
        this._loader.repo?.git_identity ?? null
      );
      if (identity !== null) {
        this._host.setError(null);
        try {
          await this._api.initRepo(
            this._loader.path,
            withIdentity(request, identity)
          );
        } catch (error) {
          this._host.setError(toErrorInfo(error));
        }
      }
    }

    // The reload clears the error of a failed setup, which must stay shown.
    const error = this._host.lastError();
    this._isInitializing = false;
    this._host.changed();
    await this._loader.refresh();
    if (error !== null && this._host.lastError() === null) {
      this._host.setError(error);
      this._host.changed();
    }
  }

  /**
   * Request the git name and email when the repository lacks them, and
   * store them with `PUT repo/identity`.
   *
   * @returns Whether the repository has an identity now.
   */
  async ensureIdentity(): Promise<boolean> {
    if (!lacksIdentity(this._loader.repo)) {
      return true;
    }
    return this.storeIdentity();
  }

  /**
   * Request the git name and email and store them in the repository.
   *
   * @returns False when the user cancelled or the server rejected them.
   * The host then stores the reason of a rejection.
   */
  async storeIdentity(): Promise<boolean> {
    if (this._isAskingIdentity) {
      return false;
    }
    this._isAskingIdentity = true;
    this._host.changed();

    const path = this._loader.path;
    let stored = false;
    try {
      const identity = await this._askIdentity(
        this._loader.repo?.git_identity ?? null
      );
      if (identity !== null) {
        const saved = await this._api.setIdentity(path, identity);
        this._loader.setIdentity(path, saved);
        stored = true;
      }
    } catch (error) {
      this._host.setError(toErrorInfo(error));
    }

    this._isAskingIdentity = false;
    this._host.changed();
    return stored;
  }

  /**
   * Open the form of the DVC remote's settings.
   */
  openRemoteForm(): void {
    this._isRemoteFormOpen = true;
    this._host.changed();
  }

  closeRemoteForm(): void {
    this._isRemoteFormOpen = false;
    this._host.changed();
  }

  /**
   * Close the form without a change signal, as when the panel moves to
   * another folder and reloads anyway.
   */
  forgetForm(): void {
    this._isRemoteFormOpen = false;
  }

  /**
   * Save a DVC remote of the current folder's repository, then reload the
   * repository.
   *
   * @throws ApiError when the server rejects the settings.
   */
  async saveRemote(name: string, settings: IRemoteSettings): Promise<IRemote> {
    const saved = await this._api.saveRemote(this._loader.path, name, settings);

    // The form stays open, so that the connection can be checked next.
    this._isRemoteFormOpen = true;
    await this._loader.refresh();
    return saved;
  }

  /**
   * Make a request to the bucket of a saved DVC remote.
   *
   * @throws ApiError when the server cannot run the check.
   */
  async checkRemote(name: string): Promise<ICheckResult> {
    return this._api.checkRemote(this._loader.path, name);
  }

  private _api: IDvcS3Api;
  private _loader: RepoLoader;
  private _host: ISetupHost;
  private _askIdentity: AskIdentity;
  private _isInitializing = false;
  private _isAskingIdentity = false;
  private _isRemoteFormOpen = false;
}

/**
 * Types of the setup model.
 */
export namespace SetupModel {
  export interface IOptions {
    /**
     * The REST client.
     */
    api: IDvcS3Api;

    /**
     * The loader of the current folder.
     */
    loader: RepoLoader;

    /**
     * The panel model's callbacks.
     */
    host: ISetupHost;

    /**
     * Dialog that requests a git name and email. Without it, the request
     * resolves to null as if the user cancelled.
     */
    askIdentity?: AskIdentity;
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
