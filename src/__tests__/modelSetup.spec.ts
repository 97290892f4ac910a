import { ApiError } from '../api';
import { DvcS3Model } from '../model';
import { IIdentity, IJob, IJobRequest, StepName } from '../tokens';
import { FakeApi, makeJob, makeRepo } from './fakeApi';

const POLL = 500;
const ADA: IIdentity = { name: 'Ada Lovelace', email: 'ada@example.com' };

const noIdentityError = (): ApiError =>
  new ApiError(
    409,
    'no_git_identity',
    'git user.name is not set.',
    'Enter your name and email.'
  );

/**
 * Make the fake server give every started job its own id, and end each one
 * at the next poll in the state that `endState` returns for its request.
 */
function endJobsWith(
  api: FakeApi,
  endState: (request: IJobRequest) => Partial<IJob> & Pick<IJob, 'state'>
): IJobRequest[] {
  const started: IJobRequest[] = [];
  const ended = new Map<string, IJob>();

  api.startJob.mockImplementation(async (request: IJobRequest) => {
    started.push(request);
    const id = `job-${started.length}`;
    const steps = stepsOf(request).map(name => ({
      name,
      state: 'pending' as const
    }));
    const { state, ...overrides } = endState(request);
    const stepState = state === 'succeeded' ? 'succeeded' : 'failed';
    ended.set(
      id,
      makeJob(state, {
        id,
        action: request.action,
        path: request.path,
        steps: steps.map(step => ({ ...step, state: stepState })),
        ...overrides
      })
    );
    return makeJob('queued', {
      id,
      action: request.action,
      path: request.path,
      steps
    });
  });
  api.getJob.mockImplementation(async (id: string) => {
    const job = ended.get(id);
    if (!job) {
      throw new Error(`no job ${id}`);
    }
    return job;
  });
  return started;
}

function stepsOf(request: IJobRequest): StepName[] {
  return request.action === 'version'
    ? ['add', 'push', 'commit', 'git_push']
    : [request.action as StepName];
}

describe('DvcS3Model setup and identity', () => {
  let api: FakeApi;
  let askIdentity: jest.Mock<Promise<IIdentity | null>>;
  let model: DvcS3Model;

  beforeEach(() => {
    jest.useFakeTimers();
    api = new FakeApi();
    askIdentity = jest.fn(async () => ADA);
    model = new DvcS3Model({
      api,
      askIdentity,
      refreshInterval: 0,
      jobPollInterval: POLL
    });
  });

  afterEach(() => {
    model.dispose();
    jest.useRealTimers();
  });

  describe('initRepo', () => {
    it('sets up a folder outside git without asking', async () => {
      api.repo = makeRepo({
        git_root: null,
        dvc_initialized: false,
        git_identity: null
      });
      await model.setPath('fresh');

      await model.initRepo();

      expect(askIdentity).not.toHaveBeenCalled();
      expect(api.initRepo).toHaveBeenCalledWith('fresh', {
        git: true,
        dvc: true
      });
    });

    it('asks and retries after no_git_identity', async () => {
      api.repo = makeRepo({
        git_root: null,
        dvc_initialized: false,
        git_identity: null
      });
      await model.setPath('fresh');
      api.initRepo.mockRejectedValueOnce(noIdentityError());

      await model.initRepo();

      expect(askIdentity).toHaveBeenCalledTimes(1);
      expect(api.initRepo).toHaveBeenCalledTimes(2);
      expect(api.initRepo).toHaveBeenLastCalledWith('fresh', {
        git: true,
        dvc: true,
        user_name: 'Ada Lovelace',
        user_email: 'ada@example.com'
      });
      expect(model.error).toBeNull();
    });

    it('keeps the error when the dialog is cancelled', async () => {
      api.repo = makeRepo({
        git_root: null,
        dvc_initialized: false,
        git_identity: null
      });
      await model.setPath('fresh');
      api.initRepo.mockRejectedValueOnce(noIdentityError());
      askIdentity.mockResolvedValueOnce(null);

      await model.initRepo();

      expect(api.initRepo).toHaveBeenCalledTimes(1);
      expect(model.error?.code).toBe('no_git_identity');
      expect(model.isBusy).toBe(false);
    });

    it('asks first when the repo lacks an email', async () => {
      api.repo = makeRepo({
        dvc_initialized: false,
        git_identity: { name: 'Ada', email: null }
      });
      await model.setPath('proj');

      await model.initRepo();

      expect(askIdentity).toHaveBeenCalledWith({ name: 'Ada', email: null });
      expect(api.initRepo).toHaveBeenCalledTimes(1);
      expect(api.initRepo).toHaveBeenCalledWith('proj', {
        git: false,
        dvc: true,
        user_name: 'Ada Lovelace',
        user_email: 'ada@example.com'
      });
    });
  });

  describe('identity before a commit', () => {
    beforeEach(async () => {
      api.repo = makeRepo({ git_identity: { name: null, email: null } });
      await model.setPath('');
      model.select('pkl/model.pkl');
    });

    it('stores the identity, then starts the job', async () => {
      const job = await model.run('version');

      expect(askIdentity).toHaveBeenCalledTimes(1);
      expect(api.setIdentity).toHaveBeenCalledWith('', ADA);
      expect(api.startJob).toHaveBeenCalledTimes(1);
      expect(job).not.toBeNull();
      expect(model.repo?.git_identity).toEqual(ADA);
    });

    it('starts nothing when the dialog is cancelled', async () => {
      askIdentity.mockResolvedValueOnce(null);

      const job = await model.run('commit');

      expect(job).toBeNull();
      expect(api.setIdentity).not.toHaveBeenCalled();
      expect(api.startJob).not.toHaveBeenCalled();
      expect(model.isBusy).toBe(false);
    });

    it('does not ask for jobs without a commit', async () => {
      await model.run('add');
      await model.run('push');

      expect(askIdentity).not.toHaveBeenCalled();
      expect(api.startJob).toHaveBeenCalledTimes(1);
    });

    it('shows a rejected identity as the error', async () => {
      api.setIdentity.mockRejectedValueOnce(
        new ApiError(400, 'invalid_request', 'Bad email.', 'Fix it.')
      );

      const job = await model.run('version');

      expect(job).toBeNull();
      expect(api.startJob).not.toHaveBeenCalled();
      expect(model.error?.code).toBe('invalid_request');
    });
  });

  it('runs a job again after no_git_identity', async () => {
    await model.setPath('');
    model.select('pkl/model.pkl');
    let failures = 1;
    const started = endJobsWith(api, () =>
      failures-- > 0
        ? {
            state: 'failed',
            error: {
              code: 'no_git_identity',
              message: 'git user.email is not set.',
              hint: 'Enter it.',
              step: 'commit'
            }
          }
        : { state: 'succeeded' }
    );

    await model.run('commit');
    await jest.advanceTimersByTimeAsync(POLL);

    expect(askIdentity).toHaveBeenCalledTimes(1);
    expect(api.setIdentity).toHaveBeenCalledWith('', ADA);
    expect(started).toHaveLength(2);
    expect(started[1]).toEqual(started[0]);

    await jest.advanceTimersByTimeAsync(POLL);
    expect(model.job?.id).toBe('job-2');
    expect(model.job?.state).toBe('succeeded');
  });
});

describe('DvcS3Model job settings', () => {
  let api: FakeApi;
  let model: DvcS3Model;

  beforeEach(async () => {
    jest.useFakeTimers();
    api = new FakeApi();
    model = new DvcS3Model({ api, refreshInterval: 0, jobPollInterval: POLL });
    await model.setPath('');
    model.select('pkl/model.pkl');
  });

  afterEach(() => {
    model.dispose();
    jest.useRealTimers();
  });

  it('sends the default remote with push and version', async () => {
    model.setDefaultRemote('archive');

    await model.run('push');
    const push = api.startJob.mock.calls[0][0];
    await model.cancel();
    api.jobStates = [makeJob('cancelled')];
    await jest.advanceTimersByTimeAsync(POLL);
    await model.run('version');
    const version = api.startJob.mock.calls[1][0];

    expect(push).toEqual({
      action: 'push',
      path: 'pkl/model.pkl',
      remote: 'archive'
    });
    expect(version.remote).toBe('archive');
  });

  it('sends no remote when none is set', async () => {
    await model.run('version');

    expect(api.startJob.mock.calls[0][0]).not.toHaveProperty('remote');
  });

  it('chains add, push and commit without git push', async () => {
    model.setPushToGit(false);
    model.setDefaultRemote('archive');
    const started = endJobsWith(api, () => ({ state: 'succeeded' }));

    await model.run('version');

    expect(started.map(r => r.action)).toEqual(['add']);
    expect(model.isBusy).toBe(true);
    expect(model.job?.steps.map(s => [s.name, s.state])).toEqual([
      ['add', 'pending'],
      ['push', 'pending'],
      ['commit', 'pending']
    ]);

    await jest.advanceTimersByTimeAsync(POLL);
    expect(started.map(r => r.action)).toEqual(['add', 'push']);
    expect(model.job?.state).toBe('running');

    await jest.advanceTimersByTimeAsync(POLL);
    await jest.advanceTimersByTimeAsync(POLL);

    expect(started).toEqual([
      { action: 'add', path: 'pkl/model.pkl' },
      { action: 'push', path: 'pkl/model.pkl', remote: 'archive' },
      {
        action: 'commit',
        path: 'pkl/model.pkl',
        message: 'Save version of pkl/model.pkl'
      }
    ]);
    expect(model.job?.state).toBe('succeeded');
    expect(model.job?.steps.map(s => s.state)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded'
    ]);
    expect(model.isBusy).toBe(false);
  });

  it('stops the chain at the first failure', async () => {
    model.setPushToGit(false);
    const started = endJobsWith(api, request =>
      request.action === 'push'
        ? {
            state: 'failed',
            error: {
              code: 'access_denied',
              message: 'Access denied.',
              hint: 'Check the keys.',
              step: 'push'
            }
          }
        : { state: 'succeeded' }
    );
    const ended: IJob[] = [];
    model.jobEnded.connect((_, job) => ended.push(job));

    await model.run('version');
    await jest.advanceTimersByTimeAsync(5 * POLL);

    expect(started.map(r => r.action)).toEqual(['add', 'push']);
    expect(ended.map(job => job.state)).toEqual(['succeeded', 'failed']);
    expect(model.job?.state).toBe('failed');
    expect(model.job?.error?.code).toBe('access_denied');
    expect(model.job?.steps.map(s => [s.name, s.state])).toEqual([
      ['add', 'succeeded'],
      ['push', 'failed'],
      ['commit', 'skipped']
    ]);
    expect(model.isBusy).toBe(false);
  });

  it('reports a chain once after success', async () => {
    model.setPushToGit(false);
    endJobsWith(api, () => ({ state: 'succeeded' }));
    const jobs: IJob[] = [];
    const actions: IJob[] = [];
    model.jobEnded.connect((_, job) => jobs.push(job));
    model.actionEnded.connect((_, job) => actions.push(job));

    await model.run('version');
    await jest.advanceTimersByTimeAsync(5 * POLL);

    expect(jobs).toHaveLength(3);
    expect(actions).toHaveLength(1);
    expect(actions[0].action).toBe('version');
    expect(actions[0].path).toBe('pkl/model.pkl');
    expect(actions[0].state).toBe('succeeded');
    expect(actions[0].steps.map(s => s.name)).toEqual([
      'add',
      'push',
      'commit'
    ]);
  });

  it('reports a chain once at the first failure', async () => {
    model.setPushToGit(false);
    endJobsWith(api, request =>
      request.action === 'push'
        ? {
            state: 'failed',
            error: {
              code: 'access_denied',
              message: 'Access denied.',
              hint: 'Check the keys.',
              step: 'push'
            }
          }
        : { state: 'succeeded' }
    );
    const actions: IJob[] = [];
    model.actionEnded.connect((_, job) => actions.push(job));

    await model.run('version');
    await jest.advanceTimersByTimeAsync(5 * POLL);

    expect(actions).toHaveLength(1);
    expect(actions[0].state).toBe('failed');
    expect(actions[0].error?.code).toBe('access_denied');
    expect(actions[0].steps.map(s => s.state)).toEqual([
      'succeeded',
      'failed',
      'skipped'
    ]);
  });

  it('reports a cancelled chain once', async () => {
    model.setPushToGit(false);
    const started = endJobsWith(api, request =>
      request.action === 'push'
        ? { state: 'cancelled' }
        : { state: 'succeeded' }
    );
    const actions: IJob[] = [];
    model.actionEnded.connect((_, job) => actions.push(job));

    await model.run('version');
    await jest.advanceTimersByTimeAsync(POLL);
    await model.cancel();
    await jest.advanceTimersByTimeAsync(5 * POLL);

    expect(started.map(r => r.action)).toEqual(['add', 'push']);
    expect(actions.map(job => job.state)).toEqual(['cancelled']);
  });

  it('reports a chain of already ended jobs once', async () => {
    model.setPushToGit(false);
    api.startJob.mockImplementation(async request =>
      makeJob('succeeded', {
        id: `job-${api.startJob.mock.calls.length}`,
        action: request.action,
        path: request.path
      })
    );
    const jobs: IJob[] = [];
    const actions: IJob[] = [];
    model.jobEnded.connect((_, job) => jobs.push(job));
    model.actionEnded.connect((_, job) => actions.push(job));

    await model.run('version');
    await jest.advanceTimersByTimeAsync(POLL);

    expect(api.startJob).toHaveBeenCalledTimes(3);
    expect(jobs).toHaveLength(3);
    expect(actions).toHaveLength(1);
    expect(actions[0].action).toBe('version');
    expect(actions[0].state).toBe('succeeded');
    expect(model.isBusy).toBe(false);
  });

  it('reports a single job as itself', async () => {
    api.jobStates = [makeJob('succeeded', { action: 'push' })];
    const actions: IJob[] = [];
    model.actionEnded.connect((_, job) => actions.push(job));

    await model.run('push');
    await jest.advanceTimersByTimeAsync(POLL);

    expect(actions).toHaveLength(1);
    expect(actions[0].action).toBe('push');
  });

  it('merges the results of the chain', async () => {
    model.setPushToGit(false);
    endJobsWith(api, request => ({
      state: 'succeeded',
      result:
        request.action === 'push'
          ? { md5: 'df175d', s3_url: 's3://b-a/files/md5/df/175d' }
          : request.action === 'commit'
            ? { commit: 'abc123' }
            : null
    }));

    await model.run('version');
    await jest.advanceTimersByTimeAsync(4 * POLL);

    expect(model.job?.result).toEqual({
      md5: 'df175d',
      s3_url: 's3://b-a/files/md5/df/175d',
      commit: 'abc123'
    });
  });
});
