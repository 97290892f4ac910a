import { TransferRate } from '../transferRate';
import { IJobProgress } from '../tokens';

function bytes(done: number, step: 'push' | 'pull' = 'push'): IJobProgress {
  return { step, done, total: 1000000, unit: 'bytes' };
}

describe('TransferRate', () => {
  let now: number;
  let rate: TransferRate;

  beforeEach(() => {
    now = 0;
    rate = new TransferRate({ window: 5000, now: () => now });
  });

  it('is unknown after one sample', () => {
    rate.add('job-1', bytes(100));

    expect(rate.rate).toBeNull();
  });

  it('divides bytes by seconds', () => {
    rate.add('job-1', bytes(0));
    now = 2000;
    rate.add('job-1', bytes(4000));

    expect(rate.rate).toBe(2000);
  });

  it('averages over the window only', () => {
    rate.add('job-1', bytes(0));
    now = 1000;
    rate.add('job-1', bytes(100000));
    for (let second = 2; second <= 10; second++) {
      now = second * 1000;
      rate.add('job-1', bytes(100000 + (second - 1) * 1000));
    }

    // The fast first second has left the 5 s window.
    expect(rate.rate).toBe(1000);
  });

  it('restarts on a new step', () => {
    rate.add('job-1', bytes(0));
    now = 1000;
    rate.add('job-1', bytes(5000));
    now = 2000;
    rate.add('job-1', bytes(0, 'pull'));

    expect(rate.rate).toBeNull();
  });

  it('restarts on a new job', () => {
    rate.add('job-1', bytes(0));
    now = 1000;
    rate.add('job-2', bytes(10));

    expect(rate.rate).toBeNull();
  });

  it('restarts when the amount goes down', () => {
    rate.add('job-1', bytes(5000));
    now = 1000;
    rate.add('job-1', bytes(10));
    now = 2000;
    rate.add('job-1', bytes(1010));

    expect(rate.rate).toBe(1000);
  });

  it('resets on null progress', () => {
    rate.add('job-1', bytes(0));
    now = 1000;
    rate.add('job-1', bytes(100));
    rate.add('job-1', null);

    expect(rate.rate).toBeNull();
  });

  it('merges samples of the same time', () => {
    rate.add('job-1', bytes(0));
    now = 1000;
    rate.add('job-1', bytes(100));
    rate.add('job-1', bytes(300));

    expect(rate.rate).toBe(300);
  });
});
