import { ISignal, Signal } from '@lumino/signaling';

import { ApiError, toErrorInfo } from './api';
import { IDvcS3Api, IErrorInfo, IModelVersion } from './tokens';

/**
 * The version history of one model file, as shown in the panel.
 */
export class HistoryModel {
  constructor(api: IDvcS3Api) {
    this._api = api;
  }

  /**
   * Emitted after any change of the state below.
   */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /**
   * API path of the model whose history is open, or null when it is closed.
   */
  get path(): string | null {
    return this._path;
  }

  /**
   * Versions of the model, newest first; empty when it has none.
   */
  get versions(): readonly IModelVersion[] {
    return this._versions;
  }

  get isLoading(): boolean {
    return this._isLoading;
  }

  /**
   * The last failed load, or null. A model without versions is no error.
   */
  get error(): IErrorInfo | null {
    return this._error;
  }

  /**
   * The version whose data is in the workspace, or null when the workspace
   * contains none of them.
   */
  get current(): IModelVersion | null {
    return this._versions.find(version => version.current) ?? null;
  }

  /**
   * Whether the workspace contains a version other than the newest, as after
   * a restore.
   */
  get isOlderCurrent(): boolean {
    const current = this.current;
    return current !== null && current !== this._versions[0];
  }

  /**
   * Open the history of a model and load it.
   */
  async open(path: string): Promise<void> {
    if (path !== this._path) {
      this._path = path;
      this._versions = [];
      this._error = null;
    }
    await this.reload();
  }

  /**
   * Close the history.
   */
  close(): void {
    if (this._path === null) {
      return;
    }
    this._path = null;
    this._versions = [];
    this._error = null;
    this._sequence += 1;
    this._isLoading = false;
    this._changed.emit();
  }

  /**
   * Load the versions of the open model again. A 404 `not_found` means
   * that the model has no versions yet. After another error the previous
   * versions stay.
   */
  async reload(): Promise<void> {
    const path = this._path;
    if (path === null) {
      return;
    }
    const sequence = ++this._sequence;
    this._isLoading = true;
    this._changed.emit();

    let versions: IModelVersion[] = [];
    let error: IErrorInfo | null = null;
    try {
      versions = await this._api.getHistory(path);
    } catch (reason) {
      const noVersions =
        reason instanceof ApiError && reason.code === 'not_found';
      error = noVersions ? null : toErrorInfo(reason);
    }

    if (sequence !== this._sequence) {
      return;
    }
    this._isLoading = false;
    this._error = error;
    if (error === null) {
      this._versions = versions;
    }
    this._changed.emit();
  }

  private _api: IDvcS3Api;
  private _path: string | null = null;
  private _versions: IModelVersion[] = [];
  private _isLoading = false;
  private _error: IErrorInfo | null = null;
  private _sequence = 0;
  private _changed = new Signal<this, void>(this);
}
