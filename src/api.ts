import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';
import { nullTranslator, TranslationBundle } from '@jupyterlab/translation';

import {
  ICheckResult,
  IDvcS3Api,
  IErrorInfo,
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
  TRANSLATION_DOMAIN
} from './tokens';

/**
 * Prefix of every route of the server extension, below the server's base URL.
 */
export const API_NAMESPACE = 'dvc-s3';

/**
 * Code of an `ApiError` raised when no response reached the browser.
 */
export const NETWORK_ERROR = 'network_error';

/**
 * Code of an `ApiError` raised for an error response without a JSON `code`,
 * such as a proxy's HTML error page.
 */
export const UNEXPECTED_RESPONSE = 'unexpected_response';

/**
 * An error response of the REST API, or a request that got no response.
 */
export class ApiError extends Error implements IErrorInfo {
  /**
   * @param status HTTP status, or 0 when no response arrived.
   */
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint: string
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /**
   * Build the error of a failed response from its status and body text.
   *
   * A JSON body `{code, message, hint}` gives those fields. Any other body
   * gives the code `unexpected_response`, with Jupyter's own `message` field
   * or the HTTP status as the message.
   */
  static fromResponse(
    status: number,
    statusText: string,
    bodyText: string,
    trans: TranslationBundle = nullTranslator.load(TRANSLATION_DOMAIN)
  ): ApiError {
    const body = parseJsonObject(bodyText);
    const message =
      typeof body?.message === 'string' && body.message
        ? body.message
        : trans.__('The server returned HTTP %1 %2.', status, statusText);

    if (typeof body?.code === 'string' && body.code) {
      const hint = typeof body.hint === 'string' ? body.hint : '';
      return new ApiError(status, body.code, message, hint);
    }

    return new ApiError(
      status,
      UNEXPECTED_RESPONSE,
      message,
      trans.__(
        'Check that the jupyter_dvc_s3 server extension is installed and enabled, then see the Jupyter server log.'
      )
    );
  }
}

/**
 * Build the URL of an API route under the server's base URL.
 *
 * @param baseUrl The server's base URL, such as `http://host/user/demo/`.
 * @param route Route segments below `dvc-s3/`; each one is URL-encoded.
 * @param query Query parameters, URL-encoded.
 */
export function buildApiUrl(
  baseUrl: string,
  route: string[],
  query: Record<string, string> = {}
): string {
  const segments = route.map(segment => encodeURIComponent(segment));
  const url = URLExt.join(baseUrl, API_NAMESPACE, ...segments);

  // `path=` stays explicit for the server root, whose API path is ''.
  const pairs = Object.entries(query).map(
    ([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`
  );
  return pairs.length > 0 ? `${url}?${pairs.join('&')}` : url;
}

/**
 * Client of the server extension's REST API.
 */
export class DvcS3Api implements IDvcS3Api {
  constructor(options: DvcS3Api.IOptions = {}) {
    this.serverSettings =
      options.serverSettings ?? ServerConnection.makeSettings();
    this._trans = options.trans ?? nullTranslator.load(TRANSLATION_DOMAIN);
  }

  /**
   * Connection settings; their `baseUrl` is the root of every request.
   */
  readonly serverSettings: ServerConnection.ISettings;

  async getRepo(path: string): Promise<IRepoInfo> {
    return this._request<IRepoInfo>(['repo'], { method: 'GET' }, { path });
  }

  async initRepo(path: string, options: IInitRequest): Promise<ISetupResult> {
    return this._request<ISetupResult>(['repo'], {
      method: 'POST',
      body: JSON.stringify({ path, ...options })
    });
  }

  async setIdentity(path: string, identity: IIdentity): Promise<IGitIdentity> {
    const body = await this._request<{ git_identity: IGitIdentity }>(
      ['repo', 'identity'],
      {
        method: 'PUT',
        body: JSON.stringify({
          path,
          user_name: identity.name,
          user_email: identity.email
        })
      }
    );
    return body.git_identity;
  }

  async listRemotes(path: string): Promise<IRemote[]> {
    const body = await this._request<{ remotes: IRemote[] }>(
      ['remotes'],
      { method: 'GET' },
      { path }
    );
    return body.remotes;
  }

  async saveRemote(
    path: string,
    name: string,
    settings: IRemoteSettings
  ): Promise<IRemote> {
    return this._request<IRemote>(['remotes', name], {
      method: 'PUT',
      body: JSON.stringify({ path, ...settings })
    });
  }

  async checkRemote(path: string, name: string): Promise<ICheckResult> {
    return this._request<ICheckResult>(['remotes', name, 'check'], {
      method: 'POST',
      body: JSON.stringify({ path })
    });
  }

  async getModels(path: string): Promise<IModelFile[]> {
    const body = await this._request<{ models: IModelFile[] }>(
      ['models'],
      { method: 'GET' },
      { path }
    );
    return body.models;
  }

  async getHistory(path: string): Promise<IModelVersion[]> {
    const body = await this._request<{ versions: IModelVersion[] }>(
      ['models', 'history'],
      { method: 'GET' },
      { path }
    );
    return body.versions;
  }

  async startJob(request: IJobRequest): Promise<IJob> {
    return this._request<IJob>(['jobs'], {
      method: 'POST',
      body: JSON.stringify(request)
    });
  }

  async getJob(id: string): Promise<IJob> {
    return this._request<IJob>(['jobs', id], { method: 'GET' });
  }

  async listJobs(path: string): Promise<IJob[]> {
    const body = await this._request<{ jobs: IJob[] }>(
      ['jobs'],
      { method: 'GET' },
      { path }
    );
    return body.jobs;
  }

  async cancelJob(id: string): Promise<IJob> {
    return this._request<IJob>(['jobs', id], { method: 'DELETE' });
  }

  /**
   * Send one request and parse its JSON body.
   *
   * @throws ApiError for an error status or when no response arrives.
   */
  private async _request<T>(
    route: string[],
    init: RequestInit,
    query: Record<string, string> = {}
  ): Promise<T> {
    const url = buildApiUrl(this.serverSettings.baseUrl, route, query);

    let response: Response;
    try {
      response = await ServerConnection.makeRequest(
        url,
        init,
        this.serverSettings
      );
    } catch (error) {
      throw new ApiError(
        0,
        NETWORK_ERROR,
        this._trans.__(
          'The request to %1 failed: %2',
          url,
          error instanceof Error ? error.message : String(error)
        ),
        this._trans.__(
          'Check that the Jupyter server is running and reachable, then refresh.'
        )
      );
    }

    const text = await response.text();
    if (!response.ok) {
      throw ApiError.fromResponse(
        response.status,
        response.statusText,
        text,
        this._trans
      );
    }

    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError(
        response.status,
        UNEXPECTED_RESPONSE,
        this._trans.__(
          'The server sent a response to %1 that is not JSON.',
          url
        ),
        this._trans.__(
          'Check that the jupyter_dvc_s3 server extension is installed and enabled, then see the Jupyter server log.'
        )
      );
    }
  }

  private _trans: TranslationBundle;
}

/**
 * Types of the REST client.
 */
export namespace DvcS3Api {
  export interface IOptions {
    /**
     * Connection settings; the default comes from the page's configuration.
     */
    serverSettings?: ServerConnection.ISettings;

    /**
     * Bundle for the messages of client-side errors.
     */
    trans?: TranslationBundle;
  }
}

/**
 * Turn anything a request threw into the `{code, message, hint}` the panel
 * shows.
 */
export function toErrorInfo(error: unknown): IErrorInfo {
  if (error instanceof ApiError) {
    return { code: error.code, message: error.message, hint: error.hint };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message, hint: '' };
}

/**
 * Parse text as a JSON object, or return null when it is not one.
 */
function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // An empty or non-JSON body, such as a proxy's HTML page.
  }
  return null;
}
