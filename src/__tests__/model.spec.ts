import { ApiError } from '../api';
import { DvcS3Model } from '../model';
import { IJob } from '../tokens';
import { FakeApi, makeJob, makeModel, makeRepo } from './fakeApi';

const POLL = 500;

function makeModelWith(api: FakeApi): DvcS3Model {
  return new DvcS3Model({ api, refreshInterval: 0, jobPollInterval: POLL });
}

describe('DvcS3Model', () => {
  let api: FakeApi;
  let model: DvcS3Model;

  beforeEach(() => {
    jest.useFakeTimers();
    api = new FakeApi();
    model = makeModelWith(api);
  });

  afterEach(() => {
    model.dispose();
    jest.useRealTimers();
  });

  describe('loading', () => {
    it('loads the repo and models of a folder', async () => {
      await model.setPath('proj');

      expect(api.getRepo).toHaveBeenCalledWith('proj');
      expect(api.getModels).toHaveBeenCalledWith('proj');
      expect(model.repoStatus).toBe('ready');
      expect(model.models.map(m => m.path)).toEqual([
        'pkl/model.pkl',
        'data/other.pkl'
      ]);
      expect(model.isLoading).toBe(false);
    });

    it('reports a folder in no git repo', async () => {
      api.repo = makeRepo({ git_root: null, dvc_initialized: false });

      await model.setPath('scratch');

      expect(model.repoStatus).toBe('no_git');
      expect(api.getModels).not.toHaveBeenCalled();
      expect(model.models).toEqual([]);
    });

    it('reports a repo without DVC', async () => {
      api.repo = makeRepo({ dvc_initialized: false });

      await model.setPath('proj');

      expect(model.repoStatus).toBe('no_dvc');
      expect(api.getModels).not.toHaveBeenCalled();
    });

    it('keeps the error of a failed load', async () => {
      api.getRepo.mockRejectedValueOnce(
        new ApiError(403, 'outside_root', 'Outside the root.', 'Pick another.')
      );

      const ok = await model.refresh();

      expect(ok).toBe(false);
      expect(model.repoStatus).toBe('error');
      expect(model.error).toEqual({
        code: 'outside_root',
        message: 'Outside the root.',
        hint: 'Pick another.'
      });
    });

    it('clears the error after a good refresh', async () => {
      api.getRepo.mockRejectedValueOnce(new Error('boom'));
      await model.refresh();
      expect(model.error?.code).toBe('internal');

      await model.refresh();

      expect(model.error).toBeNull();
      expect(model.repoStatus).toBe('ready');
    });

    it('drops the answer of an older folder', async () => {
      let resolveFirst: (value: ReturnType<typeof makeRepo>) => void = () =>
        undefined;
      api.getRepo.mockImplementationOnce(
        () => new Promise(resolve => (resolveFirst = resolve))
      );

      const first = model.setPath('old');
      await model.setPath('new');
      resolveFirst(makeRepo({ path: 'old' }));
      await first;

      expect(model.path).toBe('new');
      expect(model.repo?.path).toBe('new');
    });

    it('clears the selection when the folder changes', async () => {
      await model.setPath('proj');
      model.select('pkl/model.pkl');

      await model.setPath('other');

      expect(model.selectedPath).toBeNull();
      expect(model.job).toBeNull();
    });

    it('initialises DVC in the folder', async () => {
      api.repo = makeRepo({ dvc_initialized: false });
      await model.setPath('proj');

      await model.initRepo();

      expect(api.initRepo).toHaveBeenCalledWith('proj', {
        git: false,
        dvc: true
      });
      expect(model.repoStatus).toBe('ready');
    });

    it('initialises git and DVC outside a repo', async () => {
      api.repo = makeRepo({ git_root: null, dvc_initialized: false });
      await model.setPath('scratch');

      await model.initRepo();

      expect(api.initRepo).toHaveBeenCalledWith('scratch', {
        git: true,
        dvc: true
      });
    });
  });

  describe('commit message', () => {
    beforeEach(async () => {
      await model.setPath('');
    });

    it('is empty without a selection', () => {
      expect(model.message).toBe('');
    });

    it('names the selected file', () => {
      model.select('pkl/model.pkl');

      expect(model.message).toBe('Save version of pkl/model.pkl');
    });

    it('follows the selection until edited', () => {
      model.select('pkl/model.pkl');
      model.select('data/other.pkl');

      expect(model.message).toBe('Save version of data/other.pkl');
      expect(model.isMessageEdited).toBe(false);
    });

    it('keeps an edited message on a new selection', () => {
      model.select('pkl/model.pkl');
      model.setMessage('Retrain on March data');
      model.select('data/other.pkl');

      expect(model.message).toBe('Retrain on March data');
      expect(model.defaultMessage).toBe('Save version of data/other.pkl');
    });

    it('uses the path inside the git repo', async () => {
      api.repo = makeRepo({ git_root: 'proj' });
      await model.setPath('proj');
      model.select('proj/pkl/model.pkl');

      expect(model.message).toBe('Save version of pkl/model.pkl');
    });

    it('uses the configured template', () => {
      model.setMessageTemplate('model: {path}');
      model.select('pkl/model.pkl');

      expect(model.message).toBe('model: pkl/model.pkl');
    });

    it('falls back to the default template', () => {
      model.setMessageTemplate('');
      model.select('pkl/model.pkl');

      expect(model.message).toBe('Save version of pkl/model.pkl');
    });
  });

  describe('jobs', () => {
    beforeEach(async () => {
      await model.setPath('');
    });

    it('cannot run without a selection', async () => {
      expect(model.canRun('version')).toBe(false);

      expect(await model.run('version')).toBeNull();
      expect(api.startJob).not.toHaveBeenCalled();
    });

    it('cannot run outside a DVC repo', async () => {
      api.repo = makeRepo({ dvc_initialized: false });
      await model.refresh();
      model.select('pkl/model.pkl');

      expect(model.canRun('add')).toBe(false);
    });

    it('sends the message with a version job', async () => {
      model.select('pkl/model.pkl');
      model.setMessage('Retrain');

      await model.run('version');

      expect(api.startJob).toHaveBeenCalledWith({
        action: 'version',
        path: 'pkl/model.pkl',
        message: 'Retrain'
      });
    });

    it('sends the default for a blank message', async () => {
      model.select('pkl/model.pkl');
      model.setMessage('   ');

      await model.run('commit');

      expect(api.startJob).toHaveBeenCalledWith({
        action: 'commit',
        path: 'pkl/model.pkl',
        message: 'Save version of pkl/model.pkl'
      });
    });

    it('sends no message with add or push', async () => {
      model.select('pkl/model.pkl');

      await model.run('add');

      expect(api.startJob).toHaveBeenCalledWith({
        action: 'add',
        path: 'pkl/model.pkl'
      });
    });

    it('disables the buttons while a job runs', async () => {
      api.jobStates = [makeJob('running')];
      model.select('pkl/model.pkl');

      await model.run('version');

      expect(model.isBusy).toBe(true);
      for (const action of ['add', 'push', 'commit', 'version'] as const) {
        expect(model.canRun(action)).toBe(false);
      }
      expect(await model.run('add')).toBeNull();
      expect(api.startJob).toHaveBeenCalledTimes(1);
    });

    it('polls the job until it succeeds', async () => {
      const succeeded = makeJob('succeeded', {
        result: { md5: 'df175d022e2e43b425d1ea70adc439f6', size: 4096 }
      });
      api.jobStates = [makeJob('running'), makeJob('running'), succeeded];
      const ended: IJob[] = [];
      model.jobEnded.connect((_, job) => ended.push(job));
      model.select('pkl/model.pkl');
      await model.run('version');
      expect(model.job?.state).toBe('queued');

      await jest.advanceTimersByTimeAsync(POLL);
      expect(model.job?.state).toBe('running');
      expect(ended).toHaveLength(0);

      await jest.advanceTimersByTimeAsync(2 * POLL);
      expect(model.job?.state).toBe('succeeded');
      expect(model.job?.result?.md5).toBe('df175d022e2e43b425d1ea70adc439f6');
      expect(ended.map(job => job.state)).toEqual(['succeeded']);
      expect(model.isBusy).toBe(false);
      expect(model.canRun('version')).toBe(true);
    });

    it('stops polling after the job ends', async () => {
      api.jobStates = [makeJob('succeeded')];
      model.select('pkl/model.pkl');
      await model.run('version');

      await jest.advanceTimersByTimeAsync(POLL);
      const calls = api.getJob.mock.calls.length;
      await jest.advanceTimersByTimeAsync(10 * POLL);

      expect(calls).toBe(1);
      expect(api.getJob).toHaveBeenCalledTimes(1);
    });

    it('refreshes the list after a job ends', async () => {
      api.jobStates = [makeJob('succeeded')];
      model.select('pkl/model.pkl');
      await model.run('add');
      const before = api.getModels.mock.calls.length;
      api.models = [
        makeModel('pkl/model.pkl', { tracked: true, workspace: 'unchanged' })
      ];

      await jest.advanceTimersByTimeAsync(POLL);

      expect(api.getModels.mock.calls.length).toBe(before + 1);
      expect(model.selectedModel?.tracked).toBe(true);
    });

    it('resets an edited message after a saved version', async () => {
      api.jobStates = [makeJob('succeeded')];
      model.select('pkl/model.pkl');
      model.setMessage('Retrain');
      await model.run('version');

      await jest.advanceTimersByTimeAsync(POLL);

      expect(model.isMessageEdited).toBe(false);
      expect(model.message).toBe('Save version of pkl/model.pkl');
    });

    it('keeps an edited message after a failed job', async () => {
      api.jobStates = [makeJob('failed')];
      model.select('pkl/model.pkl');
      model.setMessage('Retrain');
      await model.run('version');

      await jest.advanceTimersByTimeAsync(POLL);

      expect(model.message).toBe('Retrain');
    });

    it('shows the error of a failed job', async () => {
      const error = {
        code: 'no_credentials',
        message: 'No S3 credentials for remote models.',
        hint: 'Set AWS_ACCESS_KEY_ID.',
        step: 'push' as const
      };
      api.jobStates = [makeJob('failed', { error })];
      const ended: IJob[] = [];
      model.jobEnded.connect((_, job) => ended.push(job));
      model.select('pkl/model.pkl');
      await model.run('version');

      await jest.advanceTimersByTimeAsync(POLL);

      expect(model.job?.state).toBe('failed');
      expect(model.job?.error).toEqual(error);
      expect(ended).toHaveLength(1);
      expect(model.canRun('version')).toBe(true);
    });

    it('keeps the error of a rejected start', async () => {
      api.startJob.mockRejectedValueOnce(
        new ApiError(409, 'repo_busy', 'The repo is locked.', 'Wait.')
      );
      model.select('pkl/model.pkl');

      const job = await model.run('version');

      expect(job).toBeNull();
      expect(model.job).toBeNull();
      expect(model.error?.code).toBe('repo_busy');
      expect(model.isBusy).toBe(false);
      expect(model.canRun('version')).toBe(true);
    });

    it('forgets a job the server lost', async () => {
      api.getJob.mockRejectedValueOnce(
        new ApiError(404, 'not_found', 'No job job-1.', 'Refresh.')
      );
      model.select('pkl/model.pkl');
      await model.run('version');

      await jest.advanceTimersByTimeAsync(POLL);

      expect(model.job).toBeNull();
      expect(model.error?.code).toBe('not_found');
      expect(model.isBusy).toBe(false);
    });

    it('shows a job found running in the repo', async () => {
      api.jobs = [makeJob('running', { id: 'job-9' }), makeJob('succeeded')];
      api.jobStates = [makeJob('succeeded', { id: 'job-9' })];

      await model.refresh();

      expect(model.job?.id).toBe('job-9');
      expect(model.isBusy).toBe(true);

      await jest.advanceTimersByTimeAsync(POLL);

      expect(api.getJob).toHaveBeenCalledWith('job-9');
      expect(model.job?.state).toBe('succeeded');
    });

    it('ignores a finished newest job', async () => {
      api.jobs = [makeJob('failed')];

      await model.refresh();

      expect(model.job).toBeNull();
    });

    it('reports the end of a job after a folder change', async () => {
      api.jobStates = [makeJob('running'), makeJob('succeeded')];
      const ended: IJob[] = [];
      model.jobEnded.connect((_, job) => ended.push(job));
      model.select('pkl/model.pkl');
      await model.run('version');

      await model.setPath('elsewhere');
      await jest.advanceTimersByTimeAsync(2 * POLL);

      expect(model.job).toBeNull();
      expect(ended.map(job => job.id)).toEqual(['job-1']);
    });

    it('cancels the shown job', async () => {
      api.jobStates = [makeJob('running')];
      model.select('pkl/model.pkl');
      await model.run('version');

      await model.cancel();

      expect(api.cancelJob).toHaveBeenCalledWith('job-1');
    });

    it('saves a version of a file in the folder', async () => {
      const job = await model.saveVersion('pkl/model.pkl');

      expect(job?.action).toBe('version');
      expect(model.selectedPath).toBe('pkl/model.pkl');
      expect(model.path).toBe('');
    });

    it('moves to the folder of a file elsewhere', async () => {
      await model.setPath('proj');

      await model.saveVersion('other/pkl/model.pkl');

      expect(model.path).toBe('other/pkl');
      expect(api.startJob).toHaveBeenCalledWith({
        action: 'version',
        path: 'other/pkl/model.pkl',
        message: 'Save version of other/pkl/model.pkl'
      });
    });
  });

  describe('refresh poll', () => {
    it('stands by while the panel is hidden', async () => {
      const polled = new DvcS3Model({ api, refreshInterval: 1 });
      await jest.advanceTimersByTimeAsync(3000);
      expect(api.getRepo).not.toHaveBeenCalled();

      polled.setVisible(true);
      await jest.advanceTimersByTimeAsync(3000);
      const visibleCalls = api.getRepo.mock.calls.length;
      expect(visibleCalls).toBeGreaterThanOrEqual(2);

      polled.setVisible(false);
      await jest.advanceTimersByTimeAsync(1000);
      const hiddenCalls = api.getRepo.mock.calls.length;
      await jest.advanceTimersByTimeAsync(5000);
      expect(api.getRepo.mock.calls.length).toBe(hiddenCalls);

      polled.dispose();
    });
  });
});
