import { IErrorInfo, IJob, IJobRequest, IModelVersion } from './tokens';

/**
 * Dialog that asks the user whether a restore may overwrite the unsaved
 * changes of a file. It resolves to true when the user accepts.
 */
export type ConfirmOverwrite = (
  path: string,
  version: IModelVersion
) => Promise<boolean>;

/**
 * Callbacks of the panel model that a `Restorer` uses.
 */
export interface IRestoreHost {
  /**
   * Return whether a job can start now.
   */
  canStart(): boolean;

  /**
   * Return the last failed request, or null.
   */
  lastError(): IErrorInfo | null;

  /**
   * Return whether the workspace file has changes that are in no version.
   */
  isModified(path: string): boolean;

  /**
   * Start and show a job. It resolves to null when the server rejected
   * the request, and `lastError` then returns the reason.
   */
  startJob(request: IJobRequest): Promise<IJob | null>;
}

/**
 * Restores versions of models, asking before unsaved changes are
 * overwritten.
 *
 * A file known to be modified is asked about before the restore. A
 * restore without `overwrite` that the server rejects with
 * `unsaved_changes`, at once or as a failed job, requests the same
 * confirmation once and runs again with `overwrite` when the user accepts.
 */
export class Restorer {
  constructor(host: IRestoreHost, confirm: ConfirmOverwrite) {
    this._host = host;
    this._confirm = confirm;
  }

  /**
   * Put a version of a model into the workspace.
   *
   * @returns The job, or null when nothing was started.
   */
  async restore(path: string, version: IModelVersion): Promise<IJob | null> {
    if (!this._host.canStart()) {
      return null;
    }

    let overwrite = false;
    if (this._host.isModified(path)) {
      if (!(await this._confirm(path, version))) {
        return null;
      }
      overwrite = true;
    }
    return this._start(path, version, overwrite);
  }

  /**
   * Offer the overwrite when a restore job failed on unsaved changes.
   */
  onJobEnded(job: IJob): void {
    const version = this._pending.get(job.id);
    this._pending.delete(job.id);
    if (version && job.state === 'failed' && isUnsavedChanges(job.error)) {
      void this._retry(job.path, version);
    }
  }

  private async _start(
    path: string,
    version: IModelVersion,
    overwrite: boolean
  ): Promise<IJob | null> {
    const job = await this._host.startJob({
      action: 'restore',
      path,
      commit: version.commit,
      overwrite
    });
    if (
      job === null &&
      !overwrite &&
      isUnsavedChanges(this._host.lastError())
    ) {
      return this._retry(path, version);
    }
    if (job !== null && !overwrite) {
      this._pending.set(job.id, version);
    }
    return job;
  }

  private async _retry(
    path: string,
    version: IModelVersion
  ): Promise<IJob | null> {
    if (!(await this._confirm(path, version))) {
      return null;
    }
    return this._start(path, version, true);
  }

  private _host: IRestoreHost;
  private _confirm: ConfirmOverwrite;
  /**
   * Restore jobs started without `overwrite`, by id, with their version.
   */
  private _pending = new Map<string, IModelVersion>();
}

/**
 * Tell whether an error is the server's `unsaved_changes`.
 */
function isUnsavedChanges(error: IErrorInfo | null | undefined): boolean {
  return error?.code === 'unsaved_changes';
}
