import { afterEach, describe, expect, it, vi } from 'vitest'
import { Feed, type FeedEvent } from './feed'
import { setToken } from './api'
import { fakeNode } from '../test/http'
import { FakeSocket } from '../test/socket'

afterEach(() => { FakeSocket.all = []; vi.useRealTimers() })

describe('Feed', () => {
  it('opens with a fresh one-time ticket, and after a close reconnects with another', async () => {
    setToken('t')
    let n = 0
    const calls = fakeNode((c) => c.path === '/admin/explorer/tickets'
      ? { json: { ticket: `ticket-${++n}`, expiresInMs: 30000 } }
      : undefined)
    const feed = new Feed((url) => new FakeSocket(url) as unknown as WebSocket)
    const events: FeedEvent[] = []
    feed.subscribe((e) => events.push(e))
    feed.start()
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1))
    expect(FakeSocket.last().url).toMatch(/\/explorer\/feed\?ticket=ticket-1$/)
    FakeSocket.last().open()
    expect(feed.state.get()).toBe('live')
    FakeSocket.last().push({ type: 'link', peer: 'bob', up: false })
    expect(events.at(-1)).toEqual({ type: 'link', peer: 'bob', up: false })

    FakeSocket.last().serverClose(1001) // the node went down
    expect(feed.state.get()).toBe('reconnecting')
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(2), { timeout: 3000 })
    expect(FakeSocket.last().url).toMatch(/ticket=ticket-2$/)
    FakeSocket.last().open()
    expect(feed.state.get()).toBe('live')
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(2)
    feed.stop()
  })

  it('ignores what is not a JSON event', async () => {
    setToken('t')
    fakeNode(() => ({ json: { ticket: 'x', expiresInMs: 30000 } }))
    const feed = new Feed((url) => new FakeSocket(url) as unknown as WebSocket)
    const events: FeedEvent[] = []
    feed.subscribe((e) => events.push(e))
    feed.start()
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1))
    FakeSocket.last().onmessage?.({ data: '<script>' })
    FakeSocket.last().onmessage?.({ data: '42' })
    expect(events).toEqual([])
    feed.stop()
  })
})
