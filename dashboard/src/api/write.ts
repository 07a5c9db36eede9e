import { authHeaders } from './apiKey';
import { ApiError, readErrorBody } from './client';

type WriteMethod = 'POST' | 'PUT' | 'DELETE';

// The server's message names the role the route needs; the hint says where to give a key.
const KEY_HINT = 'Enter an API key with that role under "API key" and try again.';

async function send<T>(method: WriteMethod, path: string, body: BodyInit | undefined, contentType: string | undefined): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      body,
      headers: { accept: 'application/json', ...(contentType ? { 'content-type': contentType } : {}), ...authHeaders() },
    });
  } catch {
    throw new ApiError('The API could not be reached. Is the server running?', null, 'network');
  }
  if (!response.ok) {
    const { code, message } = await readErrorBody(response);
    const hint = response.status === 401 || response.status === 403 ? ` ${KEY_HINT}` : '';
    throw new ApiError(`${message}${hint}`, response.status, code);
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A write to the API with a JSON body (or none), signed with the stored API key. */
export const sendJson = <T>(method: WriteMethod, path: string, body?: unknown) =>
  send<T>(method, path, body === undefined ? undefined : JSON.stringify(body), body === undefined ? undefined : 'application/json');

/** A write whose body is a file's text, e.g. a coded CSV sheet. */
export const sendText = <T>(path: string, text: string, contentType = 'text/csv') => send<T>('POST', path, text, contentType);
