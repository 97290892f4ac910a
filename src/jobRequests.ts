import { IJobRequest, PanelAction } from './tokens';

/**
 * User settings that change which jobs a panel action starts.
 */
export interface IJobSettings {
  /**
   * Whether Save version pushes the commit to the git remote. When false,
   * Save version runs add, push and commit as three jobs in a row.
   */
  pushToGit: boolean;
  /**
   * DVC remote sent with push and version jobs. Empty sends none, so the
   * repository's default remote is used.
   */
  defaultRemote: string;
}

/**
 * Build the job requests of an action on one file, in the order they run.
 *
 * @param message Commit message of commit and version jobs.
 */
export function buildJobRequests(
  action: PanelAction,
  path: string,
  message: string,
  settings: IJobSettings
): IJobRequest[] {
  const remote = settings.defaultRemote.trim();
  const withRemote = (request: IJobRequest): IJobRequest =>
    remote ? { ...request, remote } : request;

  switch (action) {
    case 'add':
      return [{ action, path }];
    case 'push':
      return [withRemote({ action, path })];
    case 'commit':
      return [{ action, path, message }];
    case 'version':
      if (settings.pushToGit) {
        return [withRemote({ action, path, message })];
      }
      return [
        { action: 'add', path },
        withRemote({ action: 'push', path }),
        { action: 'commit', path, message }
      ];
  }
}

/**
 * Tell whether a job request makes a git commit, which needs a git name
 * and email.
 */
export function makesCommit(request: IJobRequest): boolean {
  return request.action === 'commit' || request.action === 'version';
}
