import {
  ICheckResult,
  IDvcS3Api,
  IGitIdentity,
  IIdentity,
  IInitRequest,
  IJob,
  IJobRequest,
  IModelFile,
  IModelVersion,
  IRemote,
  IRemoteSettings,
  IRepoInfo,
  ISetupResult,
  JobAction,
  JobState
} from '../tokens';

/**
 * Make a repository with DVC and one S3 remote, at the server root.
 */
export function makeRepo(overrides: Partial<IRepoInfo> = {}): IRepoInfo {
  return {
    path: '',
    git_root: '',
    dvc_initialized: true,
    branch: 'dev',
    upstream: 'origin/dev',
    remotes: [
      {
        name: 'models',
        url: 's3://b-a',
        endpointurl: 'http://127.0.0.1:5000',
        region: null,
        profile: null,
        default: true,
        credentials: 'environment'
      }
    ],
    git_remotes: [{ name: 'origin', url: '/tmp/remote.git' }],
    git_identity: { name: 'Ada Lovelace', email: 'ada@example.com' },
    ...overrides
  };
}

export function makeModel(
  path: string,
  overrides: Partial<IModelFile> = {}
): IModelFile {
  return {
    path,
    dvc_file: null,
    tracked: false,
    md5: null,
    size: 2048,
    workspace: 'untracked',
    remote: 'unknown',
    s3_url: null,
    ...overrides
  };
}

export function makeVersion(
  commit: string,
  overrides: Partial<IModelVersion> = {}
): IModelVersion {
  return {
    commit,
    author: 'Ada <ada@example.com>',
    date: '2026-12-04T15:00:00Z',
    message: `Save version ${commit}`,
    md5: 'df175d022e2e43b425d1ea70adc439f6',
    size: 4096,
    s3_url: 's3://b-a/files/md5/df/175d022e2e43b425d1ea70adc439f6',
    in_remote: true,
    current: false,
    ...overrides
  };
}

export function makeJob(state: JobState, overrides: Partial<IJob> = {}): IJob {
  const action: JobAction = overrides.action ?? 'version';
  return {
    id: 'job-1',
    action,
    path: 'pkl/model.pkl',
    state,
    steps: [
      { name: 'add', state: state === 'queued' ? 'pending' : 'succeeded' },
      { name: 'push', state: state === 'succeeded' ? 'succeeded' : 'pending' },
      {
        name: 'commit',
        state: state === 'succeeded' ? 'succeeded' : 'pending'
      },
      {
        name: 'git_push',
        state: state === 'succeeded' ? 'succeeded' : 'pending'
      }
    ],
    progress: null,
    result: null,
    error: null,
    created: '2026-12-04T15:00:00Z',
    finished: state === 'queued' || state === 'running' ? null : 'now',
    ...overrides
  };
}

/**
 * An in-memory REST API whose methods are jest mocks. Tests change the
 * fields to change what the next call returns.
 */
export class FakeApi implements IDvcS3Api {
  repo: IRepoInfo = makeRepo();
  models: IModelFile[] = [
    makeModel('pkl/model.pkl'),
    makeModel('data/other.pkl', { tracked: true, workspace: 'unchanged' })
  ];
  versions: IModelVersion[] = [];
  jobs: IJob[] = [];
  /**
   * States returned by successive `getJob` calls; the last one repeats.
   */
  jobStates: IJob[] = [];

  getRepo = jest.fn(async (path: string) => ({ ...this.repo, path }));

  initRepo = jest.fn(
    async (path: string, options: IInitRequest): Promise<ISetupResult> => {
      this.repo = { ...this.repo, dvc_initialized: true };
      return {
        ...this.repo,
        setup: {
          git_initialized: options.git,
          dvc_initialized: true,
          remote_added: false,
          commit: 'c0ffee'
        }
      };
    }
  );

  setIdentity = jest.fn(
    async (path: string, identity: IIdentity): Promise<IGitIdentity> => {
      const stored = { name: identity.name, email: identity.email };
      this.repo = { ...this.repo, git_identity: stored };
      return stored;
    }
  );

  listRemotes = jest.fn(async (path: string) => this.repo.remotes);

  saveRemote = jest.fn(
    async (
      path: string,
      name: string,
      settings: IRemoteSettings
    ): Promise<IRemote> => {
      const remote: IRemote = {
        name,
        url: settings.url,
        endpointurl: settings.endpointurl || null,
        region: settings.region || null,
        profile: settings.profile || null,
        default: settings.default ?? false,
        credentials: settings.access_key_id ? 'local' : 'none'
      };
      const others = this.repo.remotes.filter(r => r.name !== name);
      this.repo = { ...this.repo, remotes: [...others, remote] };
      return remote;
    }
  );

  checkRemote = jest.fn(
    async (path: string, name: string): Promise<ICheckResult> => ({
      ok: true,
      url: 's3://b-a'
    })
  );

  getModels = jest.fn(async (path: string) => this.models);

  getHistory = jest.fn(async (path: string) => this.versions);

  startJob = jest.fn(async (request: IJobRequest) =>
    makeJob('queued', { action: request.action, path: request.path })
  );

  getJob = jest.fn(async (id: string) => {
    const job =
      this.jobStates.length > 1 ? this.jobStates.shift() : this.jobStates[0];
    if (!job) {
      throw new Error(`no job ${id}`);
    }
    return job;
  });

  listJobs = jest.fn(async (path: string) => this.jobs);

  cancelJob = jest.fn(async (id: string) => makeJob('running', { id }));
}
