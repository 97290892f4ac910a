/**
 * Shapes of the `dvc-s3` REST API (version 1) and the ids shared by the
 * plugin, the panel and the commands.
 *
 * Fields marked `| null` may be null in a server response.
 */

/**
 * State of a file in the workspace compared with its `.dvc` file.
 */
export type WorkspaceState = 'unchanged' | 'modified' | 'missing' | 'untracked';

/**
 * Whether the data of a tracked file is in the DVC remote.
 */
export type RemoteState = 'in_remote' | 'not_in_remote' | 'unknown';

/**
 * Action of a job; each action runs a fixed list of steps on the server.
 */
export type JobAction =
  'add' | 'push' | 'commit' | 'git_push' | 'version' | 'pull' | 'restore';

/**
 * The actions that the panel's buttons start.
 */
export type PanelAction = 'add' | 'push' | 'commit' | 'version';

/**
 * Life cycle of a job.
 */
export type JobState =
  'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/**
 * Name of one step of a job.
 */
export type StepName =
  'add' | 'push' | 'commit' | 'git_push' | 'pull' | 'restore';

/**
 * Life cycle of one step of a job.
 */
export type StepState =
  'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

/**
 * Source of the S3 credentials of a DVC remote, as the server finds them.
 */
export type CredentialSource = 'local' | 'environment' | 'profile' | 'none';

/**
 * A DVC remote. The server never sends a secret value.
 */
export interface IRemote {
  name: string;
  url: string;
  endpointurl: string | null;
  region: string | null;
  profile: string | null;
  default: boolean;
  credentials: CredentialSource;
}

/**
 * Git `user.name` and `user.email` of a repository. A field is null when
 * it is not set.
 */
export interface IGitIdentity {
  name: string | null;
  email: string | null;
}

/**
 * A complete git identity, as the user enters it.
 */
export interface IIdentity {
  name: string;
  email: string;
}

/**
 * A git remote of the repository.
 */
export interface IGitRemote {
  name: string;
  url: string;
}

/**
 * The repository around a folder, as returned by `GET repo`.
 */
export interface IRepoInfo {
  path: string;
  /**
   * Root of the git repository, or null when the folder is in no git repo.
   */
  git_root: string | null;
  dvc_initialized: boolean;
  branch: string | null;
  upstream: string | null;
  remotes: IRemote[];
  git_remotes: IGitRemote[];
  /**
   * The identity that commits use, or null outside git. Older servers
   * leave it out.
   */
  git_identity?: IGitIdentity | null;
}

/**
 * The body of `POST repo`.
 */
export interface IInitRequest {
  git: boolean;
  dvc: boolean;
  /**
   * Identity stored in the new repository before it commits DVC's files.
   */
  user_name?: string;
  user_email?: string;
}

/**
 * The response of `POST repo`: the repository and what the setup did.
 */
export interface ISetupResult extends IRepoInfo {
  setup: {
    git_initialized: boolean;
    dvc_initialized: boolean;
    remote_added: boolean;
    /**
     * The commit of DVC's files, or null when nothing was committed.
     */
    commit: string | null;
  };
}

/**
 * The body of `PUT remotes/NAME`, without `path`. A key left out keeps the
 * stored one, and an empty string removes it.
 */
export interface IRemoteSettings {
  url: string;
  endpointurl?: string;
  region?: string;
  profile?: string;
  access_key_id?: string;
  secret_access_key?: string;
  default?: boolean;
}

/**
 * The response of `POST remotes/NAME/check`.
 */
export interface ICheckResult {
  ok: boolean;
  /**
   * The remote's URL, on success.
   */
  url?: string;
  code?: string;
  message?: string;
  hint?: string;
}

/**
 * A file tracked by DVC, or an untracked model file, from `GET models`.
 */
export interface IModelFile {
  /**
   * API path of the file, relative to the server root.
   */
  path: string;
  dvc_file: string | null;
  tracked: boolean;
  md5: string | null;
  /**
   * Size in bytes.
   */
  size: number | null;
  workspace: WorkspaceState;
  remote: RemoteState;
  s3_url: string | null;
}

/**
 * One version of a model from `GET models/history`: a commit that changed
 * the model's `.dvc` file.
 */
export interface IModelVersion {
  commit: string;
  author: string;
  /**
   * ISO 8601 time of the commit.
   */
  date: string;
  message: string;
  md5: string;
  /**
   * Size in bytes.
   */
  size: number | null;
  s3_url: string | null;
  /**
   * Whether the data is in the DVC remote, or null when the check failed.
   */
  in_remote: boolean | null;
  /**
   * Whether the workspace contains this version's data.
   */
  current: boolean;
}

/**
 * One step of a job.
 */
export interface IJobStep {
  name: StepName;
  state: StepState;
  message?: string | null;
}

/**
 * Progress of the running step of a job.
 */
export interface IJobProgress {
  step: StepName;
  done: number;
  total?: number | null;
  unit: 'bytes' | 'files';
}

/**
 * Output of a finished job.
 */
export interface IJobResult {
  md5?: string | null;
  size?: number | null;
  dvc_file?: string | null;
  s3_url?: string | null;
  commit?: string | null;
  pushed_to?: string | null;
}

/**
 * An error as the server reports it, in an error response or a failed job.
 */
export interface IErrorInfo {
  code: string;
  message: string;
  hint: string;
}

/**
 * The error of a failed or cancelled job.
 */
export interface IJobError extends IErrorInfo {
  step?: StepName | null;
}

/**
 * A job of `POST jobs`, `GET jobs` and `GET jobs/ID`.
 */
export interface IJob {
  id: string;
  action: JobAction;
  path: string;
  state: JobState;
  steps: IJobStep[];
  progress: IJobProgress | null;
  result: IJobResult | null;
  error: IJobError | null;
  /**
   * ISO 8601 time when the job was queued.
   */
  created: string;
  /**
   * ISO 8601 time when the job ended, or null while it is queued or running.
   */
  finished: string | null;
}

/**
 * The body of `POST jobs`.
 */
export interface IJobRequest {
  action: JobAction;
  path: string;
  message?: string;
  remote?: string;
  /**
   * Commit of the version to restore; required by `restore`.
   */
  commit?: string;
  /**
   * Whether `restore` may replace a workspace file with unsaved changes.
   */
  overwrite?: boolean;
}

/**
 * The REST calls the panel model makes. `DvcS3Api` implements it over HTTP;
 * tests pass an object of their own.
 */
export interface IDvcS3Api {
  getRepo(path: string): Promise<IRepoInfo>;
  initRepo(path: string, options: IInitRequest): Promise<ISetupResult>;
  setIdentity(path: string, identity: IIdentity): Promise<IGitIdentity>;
  listRemotes(path: string): Promise<IRemote[]>;
  saveRemote(
    path: string,
    name: string,
    settings: IRemoteSettings
  ): Promise<IRemote>;
  checkRemote(path: string, name: string): Promise<ICheckResult>;
  getModels(path: string): Promise<IModelFile[]>;
  getHistory(path: string): Promise<IModelVersion[]>;
  startJob(request: IJobRequest): Promise<IJob>;
  getJob(id: string): Promise<IJob>;
  listJobs(path: string): Promise<IJob[]>;
  cancelJob(id: string): Promise<IJob>;
}

/**
 * Tell whether a job is still queued or running.
 */
export function isJobActive(job: IJob | null): boolean {
  return job !== null && (job.state === 'queued' || job.state === 'running');
}

/**
 * Id of the plugin, which is also the id of its settings.
 */
export const PLUGIN_ID = 'jupyter-dvc-s3:plugin';

/**
 * DOM id of the sidebar panel.
 */
export const PANEL_ID = 'jupyter-dvc-s3-panel';

/**
 * Gettext domain of the extension's strings.
 */
export const TRANSLATION_DOMAIN = 'jupyter_dvc_s3';

/**
 * Ids of the commands the extension adds.
 */
export namespace CommandIDs {
  export const openPanel = 'dvc-s3:open-panel';
  export const saveVersion = 'dvc-s3:save-version';
  export const showVersions = 'dvc-s3:show-versions';
}
