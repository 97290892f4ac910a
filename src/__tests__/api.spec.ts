import { ServerConnection } from '@jupyterlab/services';

import {
  ApiError,
  buildApiUrl,
  DvcS3Api,
  NETWORK_ERROR,
  toErrorInfo,
  UNEXPECTED_RESPONSE
} from '../api';

const BASE_URL = 'http://localhost:8888/user/demo/';

/**
 * Make a client whose fetch records each request and returns `response`.
 */
function makeClient(response: () => Response | Promise<Response>): {
  api: DvcS3Api;
  requests: Request[];
} {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo, init?: RequestInit) => {
    requests.push(input instanceof Request ? input : new Request(input, init));
    return response();
  };
  const serverSettings = ServerConnection.makeSettings({
    baseUrl: BASE_URL,
    fetch
  });
  return { api: new DvcS3Api({ serverSettings }), requests };
}

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' }
  });
}

/**
 * Return a request's URL without the cache-busting parameter that
 * `ServerConnection` appends.
 */
function requestUrl(request: Request): string {
  return request.url.replace(/[?&]\d+$/, '');
}

describe('buildApiUrl', () => {
  it('joins a relative base URL', () => {
    expect(buildApiUrl('/user/demo/', ['repo'], { path: 'proj/pkl' })).toBe(
      '/user/demo/dvc-s3/repo?path=proj%2Fpkl'
    );
  });

  it('joins an absolute base URL', () => {
    expect(buildApiUrl(BASE_URL, ['models'], { path: '' })).toBe(
      'http://localhost:8888/user/demo/dvc-s3/models?path='
    );
  });

  it('encodes route segments', () => {
    expect(buildApiUrl('/', ['jobs', 'a b/c'])).toBe('/dvc-s3/jobs/a%20b%2Fc');
  });

  it('encodes special characters in the path', () => {
    expect(buildApiUrl('/', ['repo'], { path: 'my models/v1&2' })).toBe(
      '/dvc-s3/repo?path=my%20models%2Fv1%262'
    );
  });
});

describe('DvcS3Api', () => {
  it('gets the repo under the base URL', async () => {
    const repo = { path: 'proj', git_root: 'proj', dvc_initialized: true };
    const { api, requests } = makeClient(() => jsonResponse(repo));

    const result = await api.getRepo('proj');

    expect(result).toEqual(repo);
    expect(requests).toHaveLength(1);
    expect(requests[0].method).toBe('GET');
    expect(requestUrl(requests[0])).toBe(
      'http://localhost:8888/user/demo/dvc-s3/repo?path=proj'
    );
  });

  it('unwraps the model list', async () => {
    const models = [{ path: 'pkl/model.pkl', tracked: true }];
    const { api } = makeClient(() => jsonResponse({ models }));

    expect(await api.getModels('')).toEqual(models);
  });

  it('unwraps the job list', async () => {
    const jobs = [{ id: 'j2' }, { id: 'j1' }];
    const { api, requests } = makeClient(() => jsonResponse({ jobs }));

    expect(await api.listJobs('proj')).toEqual(jobs);
    expect(requestUrl(requests[0])).toBe(`${BASE_URL}dvc-s3/jobs?path=proj`);
  });

  it('posts a job as JSON', async () => {
    const { api, requests } = makeClient(() =>
      jsonResponse({ id: 'j1', state: 'queued' }, 202)
    );

    const job = await api.startJob({
      action: 'version',
      path: 'pkl/model.pkl',
      message: 'Save version of pkl/model.pkl'
    });

    expect(job.id).toBe('j1');
    expect(requests[0].method).toBe('POST');
    expect(requestUrl(requests[0])).toBe(`${BASE_URL}dvc-s3/jobs`);
    expect(await requests[0].json()).toEqual({
      action: 'version',
      path: 'pkl/model.pkl',
      message: 'Save version of pkl/model.pkl'
    });
  });

  it('gets and cancels a job by id', async () => {
    const { api, requests } = makeClient(() => jsonResponse({ id: 'j/1' }));

    await api.getJob('j/1');
    await api.cancelJob('j/1');

    expect(requests[0].method).toBe('GET');
    expect(requestUrl(requests[0])).toBe(`${BASE_URL}dvc-s3/jobs/j%2F1`);
    expect(requests[1].method).toBe('DELETE');
    expect(requestUrl(requests[1])).toBe(`${BASE_URL}dvc-s3/jobs/j%2F1`);
  });

  it('posts repo initialisation', async () => {
    const { api, requests } = makeClient(() => jsonResponse({ path: '' }));

    await api.initRepo('proj', { git: false, dvc: true });

    expect(requests[0].method).toBe('POST');
    expect(requestUrl(requests[0])).toBe(`${BASE_URL}dvc-s3/repo`);
    expect(await requests[0].json()).toEqual({
      path: 'proj',
      git: false,
      dvc: true
    });
  });

  it('parses a JSON error body', async () => {
    const body = {
      code: 'repo_busy',
      message: 'Another DVC process holds the lock of proj.',
      hint: 'Wait for it to finish, then try again.'
    };
    const { api } = makeClient(() => jsonResponse(body, 409));

    const error = await api.getRepo('proj').catch(e => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(409);
    expect(error.code).toBe('repo_busy');
    expect(error.message).toBe(body.message);
    expect(error.hint).toBe(body.hint);
  });

  it('accepts an error body without a hint', async () => {
    const { api } = makeClient(() =>
      jsonResponse({ code: 'outside_root', message: 'Outside.' }, 403)
    );

    const error = await api.getModels('../etc').catch(e => e);

    expect(error.code).toBe('outside_root');
    expect(error.status).toBe(403);
    expect(error.hint).toBe('');
  });

  it('reports a non-JSON error body', async () => {
    const { api } = makeClient(
      () =>
        new Response('<html>Bad Gateway</html>', {
          status: 502,
          statusText: 'Bad Gateway'
        })
    );

    const error = await api.getRepo('').catch(e => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(502);
    expect(error.code).toBe(UNEXPECTED_RESPONSE);
    expect(error.message).toContain('502');
    expect(error.hint).not.toBe('');
  });

  it('keeps the message of a Jupyter error without code', async () => {
    const { api } = makeClient(() =>
      jsonResponse({ message: 'Forbidden', reason: null }, 403)
    );

    const error = await api.getRepo('').catch(e => e);

    expect(error.code).toBe(UNEXPECTED_RESPONSE);
    expect(error.message).toBe('Forbidden');
  });

  it('reports a request that got no response', async () => {
    const { api } = makeClient(() => {
      throw new TypeError('Failed to fetch');
    });

    const error = await api.getRepo('').catch(e => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(0);
    expect(error.code).toBe(NETWORK_ERROR);
    expect(error.message).toContain('Failed to fetch');
  });

  it('reports a success body that is not JSON', async () => {
    const { api } = makeClient(() => new Response('not json', { status: 200 }));

    const error = await api.getRepo('').catch(e => e);

    expect(error.code).toBe(UNEXPECTED_RESPONSE);
    expect(error.status).toBe(200);
  });
});

describe('toErrorInfo', () => {
  it('keeps the fields of an ApiError', () => {
    const error = new ApiError(404, 'not_found', 'No folder x.', 'Pick one.');

    expect(toErrorInfo(error)).toEqual({
      code: 'not_found',
      message: 'No folder x.',
      hint: 'Pick one.'
    });
  });

  it('wraps any other error as internal', () => {
    expect(toErrorInfo(new Error('boom'))).toEqual({
      code: 'internal',
      message: 'boom',
      hint: ''
    });
    expect(toErrorInfo('text').message).toBe('text');
  });
});
