import { vi } from 'vitest'

export interface Call { method: string, path: string, headers: Record<string, string>, body: unknown }

type Handler = (call: Call) => { status?: number, json?: unknown } | undefined

/** A fake node behind fetch: `handler` answers each call; every call is recorded. */
export function fakeNode (handler: Handler): Call[] {
  const calls: Call[] = []
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit = {}) => {
    const u = new URL(url)
    const call: Call = {
      method: init.method ?? 'GET',
      path: u.pathname + u.search,
      headers: (init.headers ?? {}) as Record<string, string>,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined
    }
    calls.push(call)
    const answer = handler(call) ?? { status: 404, json: { error: `no ${call.path}` } }
    return new Response(answer.json === undefined ? '' : JSON.stringify(answer.json),
      { status: answer.status ?? 200, headers: { 'Content-Type': 'application/json' } })
  }))
  return calls
}
