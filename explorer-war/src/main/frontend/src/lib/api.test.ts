import { describe, expect, it, vi } from 'vitest'
import { ApiError, Unauthorized, Unreachable, get, onUnauthorized, setToken, token } from './api'
import { fakeNode } from '../test/http'

describe('request', () => {
  it('sends the bearer token and reads the API error shape', async () => {
    setToken('secret')
    const calls = fakeNode(() => ({ status: 503, json: { error: 'node not ready' } }))
    await expect(get('/admin/peers')).rejects.toEqual(new ApiError(503, 'node not ready'))
    expect(calls[0].headers.Authorization).toBe('Bearer secret')
  })

  it('forgets the token and tells the app on 401', async () => {
    setToken('stale')
    const listener = vi.fn()
    const off = onUnauthorized(listener)
    fakeNode(() => ({ status: 401, json: { error: 'bad token' } }))
    await expect(get('/admin/peers')).rejects.toBeInstanceOf(Unauthorized)
    expect(token()).toBeNull()
    expect(listener).toHaveBeenCalledOnce()
    off()
  })

  it('calls a node that does not answer unreachable, not an error of the API', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch') }))
    await expect(get('/admin/peers')).rejects.toBeInstanceOf(Unreachable)
  })
})
