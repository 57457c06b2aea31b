import { render, screen, within } from '@testing-library/react'
import { Profiler } from 'react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { setToken } from '../lib/api'
import { feed } from '../lib/feed'
import type { Packet } from '../lib/types'
import { fakeNode, type Call } from '../test/http'
import { FakeSocket } from '../test/socket'
import { Packets } from './Packets'

const XSS = '<img src=x onerror="window.__xss=1">'
const CONDITION = 'ab'.repeat(32)

const packet = (id: string, over: Partial<Packet> = {}): Packet => ({
  id, time: '2026-12-06T01:00:00.000Z', from: 'alice', to: 'bob', destination: 'test.java.bob.sink',
  amount: '5', assetCode: 'XRP', assetScale: 9, outcome: 'fulfilled', code: null, ms: 2,
  condition: CONDITION, ...over
})

const LOG = [
  packet('3', { outcome: 'rejected', code: 'F99', message: XSS, triggeredBy: 'test.java.bob' }),
  packet('2', { outcome: 'rejected', code: 'T04', message: 'no liquidity' }),
  packet('1')
]

function node (): Call[] {
  return fakeNode((c) => {
    if (c.path.startsWith('/admin/packets?')) {
      const code = new URLSearchParams(c.path.split('?')[1]).get('code')
      const packets = LOG.filter((p) => !code || p.code === code)
      return { json: { packets, total: packets.length } }
    }
    if (c.path === '/admin/packets/3') {
      return { json: { ...LOG[0], expiresAt: '2026-12-06T01:00:30.000Z', prepareHex: '0c01', responseHex: '0e01', steps: { heldMs: 0, forwardedMs: 1, answeredMs: 2 } } }
    }
    if (c.path === '/admin/packets/decode') {
      return (c.body as { hex: string }).hex === '0c01'
        ? { json: { type: 'PREPARE', amount: '5', destination: 'test.java.bob.sink', executionCondition: CONDITION, expiresAt: '2026-12-06T01:00:30.000Z', data: '' } }
        : { json: { type: 'REJECT', code: 'F99', triggeredBy: 'test.java.bob', message: XSS, data: '' } }
    }
    if (c.path === '/admin/explorer/tickets') return { json: { ticket: 't', expiresInMs: 30000 } }
    return undefined // /stream: 404, not an agent packet
  })
}

afterEach(() => { feed.stop(); FakeSocket.all = [] })

describe('Packets', () => {
  it('renders a stranger\'s reject message as text, in the table and the detail', async () => {
    setToken('t')
    node()
    render(<Packets />)
    await vi.waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(1 + 3))
    const rows = screen.getAllByRole('row')
    const f99 = rows.find((r) => r.getAttribute('data-packet') === '3')!
    await userEvent.click(f99)
    const detail = await screen.findByLabelText('packet detail')
    await vi.waitFor(() => expect(within(detail).getByText(XSS)).toBeInTheDocument())
    expect(document.querySelector('img')).toBeNull()
    expect((window as unknown as { __xss?: number }).__xss).toBeUndefined()
    expect(within(detail).getByText(/did not receive this packet/)).toBeInTheDocument()
    expect(detail.querySelector('[data-field="condition"]')).toHaveTextContent(CONDITION)
    expect(detail.querySelector('[data-field="expiresAt"]')).toHaveTextContent('2026-12-06T01:00:30.000Z')
  })

  it('asks the node for a code and keeps only matching live packets', async () => {
    setToken('t')
    vi.stubGlobal('WebSocket', FakeSocket)
    const calls = node()
    render(<Packets />)
    await vi.waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(1 + 3))
    await userEvent.type(screen.getByLabelText('Code'), 'T04')
    await vi.waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(1 + 1))
    expect(calls.some((c) => c.path === '/admin/packets?code=T04&limit=500')).toBe(true)

    feed.start()
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1))
    FakeSocket.last().open()
    FakeSocket.last().push({ type: 'packet', ...packet('10', { time: '2026-12-06T01:00:01.000Z' }) })
    FakeSocket.last().push({ type: 'packet', ...packet('11', { time: '2026-12-06T01:00:01.000Z', outcome: 'rejected', code: 'T04' }) })
    FakeSocket.last().push({ type: 'totals', packetsPerSecond: 900, shownPerSecond: 200, dropped: 7 })
    await vi.waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(1 + 2), { timeout: 3000 })
    expect(document.querySelector('[data-packet="11"]')).not.toBeNull()
    expect(document.querySelector('[data-packet="10"]')).toBeNull()
    expect(screen.getByText(/showing 200 of 900\/s/)).toBeInTheDocument()
  })

  it('adds live packets in batches, not one render of the table per packet', async () => {
    setToken('t')
    vi.stubGlobal('WebSocket', FakeSocket)
    node()
    let commits = 0
    render(<Profiler id="packets" onRender={() => { commits++ }}><Packets /></Profiler>)
    await vi.waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(1 + 3))
    feed.start()
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1))
    FakeSocket.last().open()
    await vi.waitFor(() => expect(screen.getByText(/in the node/)).toBeInTheDocument())
    await new Promise((resolve) => setTimeout(resolve, 100)) // the reconnect's log read
    const before = commits
    // 100 packets, each in its own task, as a busy node's feed brings them (200 a second)
    for (let i = 0; i < 100; i++) {
      FakeSocket.last().push({ type: 'packet', ...packet(String(100 + i), { time: '2026-12-06T01:00:02.000Z' }) })
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
    await vi.waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(1 + 103), { timeout: 3000 })
    expect(commits - before).toBeLessThanOrEqual(6)
  })

  it('holds the table while paused and counts what arrived', async () => {
    setToken('t')
    vi.stubGlobal('WebSocket', FakeSocket)
    node()
    render(<Packets />)
    await vi.waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(1 + 3))
    feed.start()
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1))
    FakeSocket.last().open()
    await userEvent.click(screen.getByRole('button', { name: 'Pause' }))
    FakeSocket.last().push({ type: 'packet', ...packet('20') })
    expect(await screen.findByText(/paused, 1 new since/)).toBeInTheDocument()
    expect(document.querySelector('[data-packet="20"]')).toBeNull()
  })
})
