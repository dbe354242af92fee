/** What {@link apiCall} got back: the status and the parsed JSON body (null when there was none). */
export interface ApiCallResult<T> {
  readonly status: number
  readonly body: T
}

/**
 * Calls the server's JSON API as a script would: `body` sent as JSON, `token` (when given) as
 * the bearer token.
 */
export async function apiCall<T = unknown>(
  serverUrl: string,
  method: string,
  path: string,
  { token, body }: { token?: string; body?: unknown } = {},
): Promise<ApiCallResult<T>> {
  const res = await fetch(serverUrl + path, {
    method,
    headers: {
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
      ...(token && { Authorization: `Bearer ${token}` }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  })
  const text = await res.text()
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T }
}
