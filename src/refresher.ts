import { IDisposable } from '@lumino/disposable';
import { Debouncer, Poll } from '@lumino/polling';

/**
 * Default wait after the last file change before the model list is
 * loaded again, in ms.
 */
export const DEFAULT_REFRESH_DEBOUNCE = 1000;

/**
 * Maximum time between two refreshes after failed refreshes, in ms.
 */
const MAX_REFRESH_BACKOFF = 5 * 60 * 1000;

/**
 * Runs the refresh of the model list: periodically, with backoff after
 * failures, and a short while after file changes. Both pause while the
 * panel or the browser tab is hidden.
 *
 * A change reported while the panel is hidden starts no request, because
 * showing the panel loads the list anyway.
 */
export class ListRefresher implements IDisposable {
  constructor(options: ListRefresher.IOptions) {
    this._refresh = options.refresh;
    this._debouncer = new Debouncer(
      () => this._run(),
      options.debounce ?? DEFAULT_REFRESH_DEBOUNCE
    );
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  get isVisible(): boolean {
    return this._isVisible;
  }

  /**
   * Set the time between two periodic refreshes, in seconds. Zero or less
   * turns the periodic refresh off.
   */
  setInterval(seconds: number): void {
    this._poll?.dispose();
    this._poll = null;
    if (this._isDisposed || !(seconds > 0)) {
      return;
    }

    const interval = seconds * 1000;
    this._poll = new Poll({
      factory: async () => {
        if (!(await this._refresh())) {
          throw new Error('The refresh of the DVC model list failed.');
        }
      },
      frequency: {
        interval,
        backoff: true,
        max: Math.max(interval, MAX_REFRESH_BACKOFF)
      },
      name: 'jupyter-dvc-s3:models',
      standby: () => !this._isVisible || 'when-hidden'
    });
  }

  /**
   * Tell whether the panel is shown. Showing it refreshes the list at once.
   */
  setVisible(visible: boolean): void {
    if (visible === this._isVisible) {
      return;
    }
    this._isVisible = visible;
    if (!visible) {
      return;
    }

    if (this._poll) {
      void this._poll.refresh();
    } else {
      void this._run();
    }
  }

  /**
   * Ask for a refresh after a file change. Requests that come in quick
   * succession give one refresh, after the last of them.
   */
  request(): void {
    if (this._isDisposed) {
      return;
    }
    if (!this._isVisible || isDocumentHidden()) {
      return;
    }
    this._debouncer.invoke().catch(() => undefined);
  }

  /**
   * Ask for one refresh after a delay in ms, such as to read a state that
   * the server computes in the background. A newer call replaces the
   * pending one.
   */
  requestLater(delay: number): void {
    if (this._timer !== null) {
      clearTimeout(this._timer);
    }
    this._timer = setTimeout(() => {
      this._timer = null;
      this.request();
    }, delay);
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    if (this._timer !== null) {
      clearTimeout(this._timer);
    }
    this._poll?.dispose();
    this._debouncer.dispose();
  }

  private async _run(): Promise<void> {
    if (!this._isDisposed) {
      await this._refresh();
    }
  }

  private _refresh: () => Promise<boolean>;
  private _debouncer: Debouncer<void>;
  private _poll: Poll | null = null;
  private _timer: ReturnType<typeof setTimeout> | null = null;
  private _isDisposed = false;
  private _isVisible = false;
}

/**
 * Types of the list refresher.
 */
export namespace ListRefresher {
  export interface IOptions {
    /**
     * Loads the list; it returns false when the load failed.
     */
    refresh: () => Promise<boolean>;

    /**
     * Wait after the last file change before a refresh, in ms.
     */
    debounce?: number;
  }
}

/**
 * Tell whether the browser tab is hidden; false outside a browser.
 */
function isDocumentHidden(): boolean {
  return typeof document !== 'undefined' && document.hidden;
}
