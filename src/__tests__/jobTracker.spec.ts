import { ApiError } from '../api';
import { JobTracker } from '../jobTracker';
import { TransferRate } from '../transferRate';
import { IJob } from '../tokens';
import { FakeApi, makeJob } from './fakeApi';

const POLL = 500;

function pushing(done: number): IJob {
  return makeJob('running', {
    progress: { step: 'push', done, total: 10000, unit: 'bytes' }
  });
}

describe('JobTracker', () => {
  let api: FakeApi;
  let tracker: JobTracker;

  beforeEach(() => {
    jest.useFakeTimers();
    api = new FakeApi();
    tracker = new JobTracker({
      api,
      pollInterval: POLL,
      rate: new TransferRate({ now: () => Date.now() })
    });
  });

  afterEach(() => {
    tracker.dispose();
    jest.useRealTimers();
  });

  it('shows a started job', async () => {
    const job = await tracker.start({ action: 'push', path: 'a.pkl' });

    expect(tracker.job?.id).toBe(job.id);
    expect(tracker.isActive).toBe(true);
    expect(tracker.isStarting).toBe(false);
  });

  it('does not show a job when told not to', async () => {
    await tracker.start({ action: 'push', path: 'a.pkl' }, () => false);

    expect(tracker.job).toBeNull();
  });

  it('computes the rate from polls', async () => {
    api.jobStates = [pushing(0), pushing(1000), pushing(2000)];
    await tracker.start({ action: 'push', path: 'a.pkl' });

    await jest.advanceTimersByTimeAsync(3 * POLL);

    expect(tracker.job?.progress?.done).toBe(2000);
    expect(tracker.rate).toBe(2000);
  });

  it('has no rate once the job ended', async () => {
    api.jobStates = [pushing(0), pushing(1000), makeJob('succeeded')];
    await tracker.start({ action: 'push', path: 'a.pkl' });

    await jest.advanceTimersByTimeAsync(3 * POLL);

    expect(tracker.rate).toBeNull();
  });

  it('reports the end of a job', async () => {
    api.jobStates = [makeJob('running'), makeJob('cancelled')];
    const ended: IJob[] = [];
    tracker.ended.connect((_, job) => ended.push(job));
    await tracker.start({ action: 'push', path: 'a.pkl' });

    await jest.advanceTimersByTimeAsync(2 * POLL);

    expect(ended.map(job => job.state)).toEqual(['cancelled']);
    expect(tracker.job?.state).toBe('cancelled');
  });

  it('marks a job as cancelling', async () => {
    api.jobStates = [makeJob('running')];
    await tracker.start({ action: 'push', path: 'a.pkl' });

    await tracker.cancel();

    expect(api.cancelJob).toHaveBeenCalledWith('job-1');
    expect(tracker.isCancelling).toBe(true);
  });

  it('reads a job that ended before the cancel', async () => {
    api.jobStates = [makeJob('succeeded')];
    api.cancelJob.mockRejectedValueOnce(
      new ApiError(409, 'cancelled', 'The job already ended.', '')
    );
    await tracker.start({ action: 'push', path: 'a.pkl' });

    await tracker.cancel();

    expect(api.getJob).toHaveBeenCalledWith('job-1');
    expect(tracker.job?.state).toBe('succeeded');
    expect(tracker.isCancelling).toBe(false);
  });

  it('rethrows other cancel errors', async () => {
    api.cancelJob.mockRejectedValueOnce(
      new ApiError(0, 'network_error', 'Offline.', '')
    );
    await tracker.start({ action: 'push', path: 'a.pkl' });

    await expect(tracker.cancel()).rejects.toThrow('Offline.');
    expect(tracker.isCancelling).toBe(false);
  });

  it('adopts a running job of a listing', () => {
    tracker.adopt([makeJob('running', { id: 'job-7' })]);

    expect(tracker.job?.id).toBe('job-7');
  });

  it('keeps watching after clear', async () => {
    api.jobStates = [makeJob('running'), makeJob('succeeded')];
    const ended: IJob[] = [];
    tracker.ended.connect((_, job) => ended.push(job));
    await tracker.start({ action: 'push', path: 'a.pkl' });

    tracker.clear();
    await jest.advanceTimersByTimeAsync(2 * POLL);

    expect(tracker.job).toBeNull();
    expect(ended).toHaveLength(1);
  });
});
