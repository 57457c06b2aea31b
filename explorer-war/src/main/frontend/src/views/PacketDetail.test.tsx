import { render, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { setToken } from '../lib/api'
import { fakeNode } from '../test/http'
import { PacketDetailPanel } from './PacketDetail'

const PACKET = {
  id: '7', time: '2026-12-06T01:00:00.000Z', from: 'alice', to: null, destination: 'test.java.agent.x',
  amount: '500', outcome: 'fulfilled', ms: 3, condition: 'ab'.repeat(32), expiresAt: '2026-12-06T01:00:30.000Z',
  fulfillment: 'cd'.repeat(32), data: '00', prepareHex: '0c01', responseHex: '0d01', bytesEvicted: false,
  steps: { heldMs: 0.1, forwardedMs: null, answeredMs: 3 }
}

describe('PacketDetailPanel', () => {
  it('lists the STREAM frames the node decrypted, data as text', async () => {
    setToken('t')
    fakeNode((c) => {
      if (c.path === '/admin/packets/7') return { json: PACKET }
      if (c.path === '/admin/packets/7/stream') {
        return {
          json: {
            frames: [
              { type: 'StreamMoney', streamId: 1, shares: '1' },
              { type: 'StreamData', streamId: 1, offset: '0', hex: '3c623e', text: '<b>hello</b>' }
            ],
            replyFrames: [{ type: 'StreamMaxMoney', streamId: 1, receiveMax: '1000', totalReceived: '500' }]
          }
        }
      }
      if (c.path === '/admin/packets/decode') return { json: { type: (c.body as { hex: string }).hex === '0c01' ? 'PREPARE' : 'FULFILL' } }
      return undefined
    })
    render(<PacketDetailPanel id="7" onClose={() => {}} />)
    const detail = await screen.findByLabelText('packet detail')
    await vi.waitFor(() => expect(detail.querySelector('[data-frame="StreamData"]')).not.toBeNull())
    expect(detail.querySelector('[data-frame="StreamMoney"]')).not.toBeNull()
    expect(within(detail).getByText(/text=<b>hello<\/b>/)).toBeInTheDocument()
    expect(detail.querySelector('b')).toBeNull()
    expect(detail.querySelector('[data-field="replyFrames"] [data-frame="StreamMaxMoney"]')).not.toBeNull()
    expect(detail.querySelector('[data-field="forwardedMs"]')).toHaveTextContent('—')
  })

  it('says when the node let go of the bytes', async () => {
    setToken('t')
    fakeNode((c) => c.path === '/admin/packets/7'
      ? { json: { ...PACKET, bytesEvicted: true, prepareHex: null, responseHex: null, data: null } }
      : undefined)
    render(<PacketDetailPanel id="7" onClose={() => {}} />)
    expect(await screen.findByText(/let go of this packet's bytes/)).toBeInTheDocument()
  })
})
