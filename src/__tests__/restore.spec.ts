import { ApiError } from '../api';
import { DvcS3Model } from '../model';
import { IModelVersion } from '../tokens';
import { FakeApi, makeJob, makeModel, makeVersion } from './fakeApi';

const POLL = 500;
const PATH = 'pkl/model.pkl';

describe('DvcS3Model versions', () => {
  let api: FakeApi;
  let confirm: jest.Mock<Promise<boolean>, [string, IModelVersion]>;
  let model: DvcS3Model;

  const setWorkspace = async (
    workspace: 'unchanged' | 'modified' | 'missing'
  ): Promise<void> => {
    api.models = [makeModel(PATH, { tracked: true, workspace })];
    await model.refresh();
  };

  beforeEach(async () => {
    jest.useFakeTimers();
    api = new FakeApi();
    api.versions = [
      makeVersion('bbbbbbbbbb', { current: true }),
      makeVersion('aaaaaaaaaa')
    ];
    confirm = jest.fn(
      async (path: string, version: IModelVersion): Promise<boolean> => true
    );
    model = new DvcS3Model({
      api,
      refreshInterval: 0,
      jobPollInterval: POLL,
      confirmOverwrite: confirm
    });
    await model.setPath('');
    await setWorkspace('unchanged');
    await model.openHistory(PATH);
  });

  afterEach(() => {
    model.dispose();
    jest.useRealTimers();
  });

  it('opens the history of a row', () => {
    expect(model.selectedPath).toBe(PATH);
    expect(model.history.path).toBe(PATH);
    expect(model.history.versions).toHaveLength(2);
  });

  it('closes the history when another model is selected', () => {
    model.select('pkl/other.joblib');

    expect(model.history.path).toBeNull();
    expect(model.history.versions).toHaveLength(0);
  });

  it('keeps the history when the same model is selected', () => {
    model.select(PATH);

    expect(model.history.path).toBe(PATH);
  });

  it('restores without asking when unchanged', async () => {
    await model.restore(model.history.versions[1]);

    expect(confirm).not.toHaveBeenCalled();
    expect(api.startJob).toHaveBeenCalledWith({
      action: 'restore',
      path: PATH,
      commit: 'aaaaaaaaaa',
      overwrite: false
    });
  });

  it('asks before overwriting a modified file', async () => {
    await setWorkspace('modified');

    await model.restore(model.history.versions[1]);

    expect(confirm).toHaveBeenCalledWith(PATH, model.history.versions[1]);
    expect(api.startJob).toHaveBeenCalledWith({
      action: 'restore',
      path: PATH,
      commit: 'aaaaaaaaaa',
      overwrite: true
    });
  });

  it('does nothing when the user declines', async () => {
    await setWorkspace('modified');
    confirm.mockResolvedValueOnce(false);

    const job = await model.restore(model.history.versions[1]);

    expect(job).toBeNull();
    expect(api.startJob).not.toHaveBeenCalled();
  });

  it('asks after a failed job with unsaved_changes', async () => {
    const failed = makeJob('failed', {
      action: 'restore',
      path: PATH,
      error: {
        code: 'unsaved_changes',
        message: 'The file has unsaved changes.',
        hint: 'Save them first.'
      }
    });
    api.jobStates = [failed];

    await model.restore(model.history.versions[1]);
    await jest.advanceTimersByTimeAsync(POLL);

    expect(confirm).toHaveBeenCalledTimes(1);
    expect(api.startJob).toHaveBeenCalledTimes(2);
    expect(api.startJob).toHaveBeenLastCalledWith({
      action: 'restore',
      path: PATH,
      commit: 'aaaaaaaaaa',
      overwrite: true
    });
  });

  it('asks after a rejected request with unsaved_changes', async () => {
    api.startJob.mockRejectedValueOnce(
      new ApiError(409, 'unsaved_changes', 'Unsaved changes.', '')
    );

    const job = await model.restore(model.history.versions[1]);

    expect(confirm).toHaveBeenCalledTimes(1);
    expect(job?.action).toBe('restore');
    expect(api.startJob).toHaveBeenLastCalledWith(
      expect.objectContaining({ overwrite: true })
    );
    expect(model.error).toBeNull();
  });

  it('keeps the error when the retry is declined', async () => {
    api.startJob.mockRejectedValueOnce(
      new ApiError(409, 'unsaved_changes', 'Unsaved changes.', '')
    );
    confirm.mockResolvedValueOnce(false);

    const job = await model.restore(model.history.versions[1]);

    expect(job).toBeNull();
    expect(api.startJob).toHaveBeenCalledTimes(1);
    expect(model.error?.code).toBe('unsaved_changes');
  });

  it('reloads the history after a restore', async () => {
    api.jobStates = [makeJob('succeeded', { action: 'restore', path: PATH })];
    await model.restore(model.history.versions[1]);
    api.versions = [
      makeVersion('bbbbbbbbbb'),
      makeVersion('aaaaaaaaaa', { current: true })
    ];

    await jest.advanceTimersByTimeAsync(POLL);

    expect(model.history.isOlderCurrent).toBe(true);
  });

  it('saves the restored version', async () => {
    api.versions = [
      makeVersion('bbbbbbbbbb'),
      makeVersion('aaaaaaaaaa', { current: true })
    ];
    await model.history.reload();

    await model.saveRestored();

    expect(api.startJob).toHaveBeenCalledWith({
      action: 'version',
      path: PATH,
      message: 'Restore version aaaaaaa'
    });
  });

  it('pulls missing data', async () => {
    await setWorkspace('missing');

    await model.pull(PATH);

    expect(api.startJob).toHaveBeenCalledWith({ action: 'pull', path: PATH });
  });

  it('shows the versions of a file elsewhere', async () => {
    await model.setPath('proj');

    await model.showVersions('other/pkl/model.pkl');

    expect(model.path).toBe('other/pkl');
    expect(model.selectedPath).toBe('other/pkl/model.pkl');
    expect(model.history.path).toBe('other/pkl/model.pkl');
  });

  it('closes the history on a folder change', async () => {
    await model.setPath('elsewhere');

    expect(model.history.path).toBeNull();
  });
});

describe('DvcS3Model refresh', () => {
  let api: FakeApi;
  let model: DvcS3Model;

  beforeEach(() => {
    jest.useFakeTimers();
    api = new FakeApi();
    model = new DvcS3Model({ api, refreshInterval: 0, refreshDebounce: 200 });
  });

  afterEach(() => {
    model.dispose();
    jest.useRealTimers();
  });

  it('debounces refresh requests', async () => {
    model.setVisible(true);
    await jest.advanceTimersByTimeAsync(0);
    api.getModels.mockClear();

    model.requestRefresh();
    model.requestRefresh();
    await jest.advanceTimersByTimeAsync(500);

    expect(api.getModels).toHaveBeenCalledTimes(1);
  });

  it('loads again while the remote is unknown', async () => {
    api.models = [
      makeModel(PATH, { tracked: true, workspace: 'unchanged', md5: 'x' })
    ];
    model.setVisible(true);
    await jest.advanceTimersByTimeAsync(0);
    expect(api.getModels).toHaveBeenCalledTimes(1);
    api.models = [
      makeModel(PATH, {
        tracked: true,
        workspace: 'unchanged',
        remote: 'in_remote'
      })
    ];

    await jest.advanceTimersByTimeAsync(5000);

    expect(api.getModels).toHaveBeenCalledTimes(2);
    expect(model.models[0].remote).toBe('in_remote');
  });
});
