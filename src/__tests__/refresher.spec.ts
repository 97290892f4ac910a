import { ListRefresher } from '../refresher';

describe('ListRefresher', () => {
  let refresh: jest.Mock<Promise<boolean>, []>;
  let refresher: ListRefresher;

  beforeEach(() => {
    jest.useFakeTimers();
    refresh = jest.fn(async () => true);
    refresher = new ListRefresher({ refresh, debounce: 500 });
  });

  afterEach(() => {
    refresher.dispose();
    jest.useRealTimers();
  });

  it('debounces file change requests', async () => {
    refresher.setVisible(true);
    await jest.advanceTimersByTimeAsync(0);
    refresh.mockClear();

    refresher.request();
    await jest.advanceTimersByTimeAsync(300);
    refresher.request();
    await jest.advanceTimersByTimeAsync(300);
    refresher.request();
    expect(refresh).not.toHaveBeenCalled();

    await jest.advanceTimersByTimeAsync(600);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('ignores requests while hidden', async () => {
    refresher.request();
    await jest.advanceTimersByTimeAsync(2000);

    expect(refresh).not.toHaveBeenCalled();
  });

  it('refreshes when shown', async () => {
    refresher.setVisible(true);
    await jest.advanceTimersByTimeAsync(0);

    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('stands by while hidden', async () => {
    refresher.setInterval(1);
    await jest.advanceTimersByTimeAsync(3000);
    expect(refresh).not.toHaveBeenCalled();

    refresher.setVisible(true);
    await jest.advanceTimersByTimeAsync(3000);
    expect(refresh.mock.calls.length).toBeGreaterThanOrEqual(2);

    refresher.setVisible(false);
    await jest.advanceTimersByTimeAsync(1000);
    const hiddenCalls = refresh.mock.calls.length;
    await jest.advanceTimersByTimeAsync(5000);
    expect(refresh.mock.calls.length).toBe(hiddenCalls);
  });

  it('backs off after failures', async () => {
    refresh.mockImplementation(async () => false);
    refresher.setInterval(1);
    refresher.setVisible(true);

    await jest.advanceTimersByTimeAsync(20000);

    // Without backoff a 1 s interval would give about 20 calls.
    expect(refresh.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(refresh.mock.calls.length).toBeLessThan(10);
  });

  it('runs a delayed request once', async () => {
    refresher.setVisible(true);
    await jest.advanceTimersByTimeAsync(0);
    refresh.mockClear();

    refresher.requestLater(2000);
    refresher.requestLater(2000);
    await jest.advanceTimersByTimeAsync(1500);
    expect(refresh).not.toHaveBeenCalled();

    await jest.advanceTimersByTimeAsync(1500);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('stops on dispose', async () => {
    refresher.setInterval(1);
    refresher.setVisible(true);
    await jest.advanceTimersByTimeAsync(0);
    refresh.mockClear();

    refresher.dispose();
    refresher.request();
    await jest.advanceTimersByTimeAsync(5000);

    expect(refresh).not.toHaveBeenCalled();
  });
});
