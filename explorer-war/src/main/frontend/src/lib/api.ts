// The admin API with the operator's bearer token. The token lives in sessionStorage only (gone
// with the tab); any 401 drops it and the app returns to the login page.

const TOKEN_KEY = 'ilp-explorer-admin-token'

export class Unauthorized extends Error {
  constructor () {
    super('the admin token was refused')
  }
}

/** An answer the API gave with an error status: `{"error": "..."}` becomes the message. */
export class ApiError extends Error {
  /** `field` names the request field a 400 is about, when the node says (peer settings). */
  constructor (readonly status: number, message: string, readonly field?: string) {
    super(message)
  }
}

/** The node did not answer at all (restarting, network): the UI says "reconnecting". */
export class Unreachable extends Error {}

type Listener = () => void
const unauthorizedListeners = new Set<Listener>()

export function onUnauthorized (listener: Listener): () => void {
  unauthorizedListeners.add(listener)
  return () => unauthorizedListeners.delete(listener)
}

export function token (): string | null {
  return sessionStorage.getItem(TOKEN_KEY)
}

export function setToken (value: string | null): void {
  if (value === null) sessionStorage.removeItem(TOKEN_KEY)
  else sessionStorage.setItem(TOKEN_KEY, value)
}

/** The root of the node: the console is served at /explorer/, the API at /admin. */
export function apiUrl (path: string): string {
  return new URL(path, window.location.origin).toString()
}

export interface RequestOptions {
  method?: string
  body?: unknown
  headers?: Record<string, string>
  /** Use this token instead of the stored one (the login check). */
  token?: string
}

export async function request<T> (path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers }
  const bearer = options.token ?? token()
  if (bearer) headers.Authorization = `Bearer ${bearer}`
  if (options.body !== undefined) headers['Content-Type'] = 'application/json'
  let response: Response
  try {
    response = await fetch(apiUrl(path), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      cache: 'no-store'
    })
  } catch (e) {
    throw new Unreachable(e instanceof Error ? e.message : String(e))
  }
  if (response.status === 401) {
    if (options.token === undefined) {
      setToken(null)
      unauthorizedListeners.forEach((l) => l())
    }
    throw new Unauthorized()
  }
  const text = await response.text()
  let json: unknown = null
  if (text) {
    try {
      json = JSON.parse(text)
    } catch {
      json = null
    }
  }
  if (!response.ok) {
    const body = json !== null && typeof json === 'object' ? json as { error?: unknown, field?: unknown } : {}
    const message = body.error !== undefined
      ? String(body.error)
      : `${response.status} ${response.statusText}`.trim()
    // A server on its way down or up answers 502/503 without our JSON: same as unreachable.
    if (response.status >= 502 && json === null) throw new Unreachable(message)
    throw new ApiError(response.status, message,
      typeof body.field === 'string' ? body.field : undefined)
  }
  return json as T
}

export const get = <T>(path: string): Promise<T> => request<T>(path)
export const post = <T>(path: string, body: unknown, headers?: Record<string, string>): Promise<T> =>
  request<T>(path, { method: 'POST', body, headers })
