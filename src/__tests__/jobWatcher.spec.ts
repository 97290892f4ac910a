import { ApiError } from '../api';
import { JobWatcher } from '../jobWatcher';
import { IJob } from '../tokens';
import { FakeApi, makeJob } from './fakeApi';

describe('JobWatcher', () => {
  let api: FakeApi;
  let watcher: JobWatcher;

  beforeEach(() => {
    jest.useFakeTimers();
    api = new FakeApi();
    watcher = new JobWatcher(api, 100);
  });

  afterEach(() => {
    watcher.dispose();
    jest.useRealTimers();
  });

  it('reports an ended job at once', () => {
    const ended: IJob[] = [];
    watcher.ended.connect((_, job) => ended.push(job));

    watcher.watch(makeJob('succeeded'));

    expect(ended).toHaveLength(1);
    expect(api.getJob).not.toHaveBeenCalled();
  });

  it('watches a job once', async () => {
    api.jobStates = [makeJob('running')];

    watcher.watch(makeJob('queued'));
    watcher.watch(makeJob('queued'));
    await jest.advanceTimersByTimeAsync(100);

    expect(api.getJob).toHaveBeenCalledTimes(1);
  });

  it('retries with a growing delay', async () => {
    api.getJob
      .mockRejectedValueOnce(new ApiError(0, 'network_error', 'down', ''))
      .mockRejectedValueOnce(new ApiError(502, 'internal', 'proxy', ''));
    api.jobStates = [makeJob('succeeded')];
    const ended: IJob[] = [];
    watcher.ended.connect((_, job) => ended.push(job));

    watcher.watch(makeJob('running'));
    await jest.advanceTimersByTimeAsync(100);
    expect(api.getJob).toHaveBeenCalledTimes(1);

    await jest.advanceTimersByTimeAsync(199);
    expect(api.getJob).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(api.getJob).toHaveBeenCalledTimes(2);

    await jest.advanceTimersByTimeAsync(400);
    expect(api.getJob).toHaveBeenCalledTimes(3);
    expect(ended.map(job => job.state)).toEqual(['succeeded']);
  });

  it('stops on a job the server lost', async () => {
    api.getJob.mockRejectedValueOnce(
      new ApiError(404, 'not_found', 'No job job-1.', '')
    );
    const lost: string[] = [];
    watcher.lost.connect((_, job) => lost.push(job.id));

    watcher.watch(makeJob('running'));
    await jest.advanceTimersByTimeAsync(1000);

    expect(lost).toEqual(['job-1']);
    expect(api.getJob).toHaveBeenCalledTimes(1);
    expect(watcher.get('job-1')).toBeUndefined();
  });

  it('stops polling when disposed', async () => {
    api.jobStates = [makeJob('running')];
    watcher.watch(makeJob('running'));

    watcher.dispose();
    await jest.advanceTimersByTimeAsync(1000);

    expect(api.getJob).not.toHaveBeenCalled();
  });
});

describe('JobWatcher after an end', () => {
  it('ignores a stale running copy', async () => {
    jest.useFakeTimers();
    const api = new FakeApi();
    const watcher = new JobWatcher(api, 100);
    api.jobStates = [makeJob('succeeded')];
    const ended: IJob[] = [];
    watcher.ended.connect((_, job) => ended.push(job));

    watcher.watch(makeJob('running'));
    await jest.advanceTimersByTimeAsync(100);
    watcher.watch(makeJob('running'));
    await jest.advanceTimersByTimeAsync(1000);

    expect(watcher.hasEnded('job-1')).toBe(true);
    expect(ended).toHaveLength(1);
    expect(api.getJob).toHaveBeenCalledTimes(1);
    watcher.dispose();
    jest.useRealTimers();
  });
});
