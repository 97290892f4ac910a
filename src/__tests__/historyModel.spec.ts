import { ApiError } from '../api';
import { HistoryModel } from '../historyModel';
import { FakeApi, makeVersion } from './fakeApi';

describe('HistoryModel', () => {
  let api: FakeApi;
  let history: HistoryModel;

  beforeEach(() => {
    api = new FakeApi();
    history = new HistoryModel(api);
  });

  it('loads the versions of a model', async () => {
    api.versions = [makeVersion('bbb', { current: true }), makeVersion('aaa')];

    await history.open('pkl/model.pkl');

    expect(api.getHistory).toHaveBeenCalledWith('pkl/model.pkl');
    expect(history.path).toBe('pkl/model.pkl');
    expect(history.versions.map(v => v.commit)).toEqual(['bbb', 'aaa']);
    expect(history.current?.commit).toBe('bbb');
    expect(history.isOlderCurrent).toBe(false);
    expect(history.isLoading).toBe(false);
  });

  it('detects an older current version', async () => {
    api.versions = [makeVersion('bbb'), makeVersion('aaa', { current: true })];

    await history.open('pkl/model.pkl');

    expect(history.isOlderCurrent).toBe(true);
  });

  it('has no current version without a match', async () => {
    api.versions = [makeVersion('bbb'), makeVersion('aaa')];

    await history.open('pkl/model.pkl');

    expect(history.current).toBeNull();
    expect(history.isOlderCurrent).toBe(false);
  });

  it('treats not_found as no versions', async () => {
    api.getHistory.mockRejectedValueOnce(
      new ApiError(404, 'not_found', 'No versions.', '')
    );

    await history.open('new.pkl');

    expect(history.error).toBeNull();
    expect(history.versions).toEqual([]);
  });

  it('keeps versions after a failed reload', async () => {
    api.versions = [makeVersion('aaa')];
    await history.open('pkl/model.pkl');
    api.getHistory.mockRejectedValueOnce(
      new ApiError(0, 'network_error', 'Offline.', 'Retry.')
    );

    await history.reload();

    expect(history.error?.code).toBe('network_error');
    expect(history.versions.map(v => v.commit)).toEqual(['aaa']);
  });

  it('drops a load overtaken by another model', async () => {
    let resolveFirst: (value: ReturnType<typeof makeVersion>[]) => void = () =>
      undefined;
    api.getHistory.mockImplementationOnce(
      () => new Promise(resolve => (resolveFirst = resolve))
    );
    api.versions = [makeVersion('new')];

    const first = history.open('old.pkl');
    await history.open('new.pkl');
    resolveFirst([makeVersion('old')]);
    await first;

    expect(history.path).toBe('new.pkl');
    expect(history.versions.map(v => v.commit)).toEqual(['new']);
  });

  it('clears everything on close', async () => {
    api.versions = [makeVersion('aaa')];
    await history.open('pkl/model.pkl');
    let changes = 0;
    history.changed.connect(() => (changes += 1));

    history.close();

    expect(history.path).toBeNull();
    expect(history.versions).toEqual([]);
    expect(changes).toBe(1);
  });
});
