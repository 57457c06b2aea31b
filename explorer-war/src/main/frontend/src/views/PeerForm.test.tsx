import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { setToken } from '../lib/api'
import { fakeNode } from '../test/http'
import { PeerForm, fieldOfError } from './PeerForm'

describe('fieldOfError', () => {
  it('takes the field the node names', () => {
    expect(fieldOfError('config error: peer.carol.asset.scale must be 0..255', 'assetScale')).toBe('assetScale')
  })
  it('else finds the field the message names, by JSON name or config key', () => {
    expect(fieldOfError('PEER_CAROL_MIN_BALANCE must be an integer')).toBe('minBalance')
    expect(fieldOfError('config error: peer.carol.min-balance must be an integer')).toBe('minBalance')
    expect(fieldOfError('peer.carol.settle-to must be below the threshold')).toBe('settleTo')
    expect(fieldOfError('settleThreshold must be positive')).toBe('settleThreshold')
    expect(fieldOfError('something else broke')).toBeNull()
  })
})

describe('PeerForm', () => {
  it('shows a 400 beside the field it names, and adds with POST', async () => {
    setToken('t')
    const calls = fakeNode(() => ({
      status: 400,
      json: { error: "config error: peer.carol.asset.scale must be an integer 0..255, got 'nine'", field: 'assetScale' }
    }))
    render(<PeerForm peers={[]} onChanged={() => {}} />)
    await userEvent.type(screen.getByLabelText('Peer id'), 'carol')
    await userEvent.type(screen.getByLabelText('Relation (parent, peer, child)'), 'child')
    await userEvent.type(screen.getByLabelText('Asset scale'), 'nine')
    await userEvent.type(screen.getByLabelText('Routes (prefixes, comma-separated)'), 'test.carol, test.c2')
    await userEvent.click(screen.getByRole('button', { name: 'Add peer' }))
    const error = await screen.findByRole('alert')
    expect(error).toHaveAttribute('data-error-for', 'assetScale')
    expect(error).toHaveTextContent("got 'nine'")
    expect(screen.getByLabelText('Asset scale')).toHaveAttribute('aria-invalid', 'true')
    expect(calls[0]).toMatchObject({
      method: 'POST',
      path: '/admin/peers/carol',
      body: { relation: 'child', assetScale: 'nine', routes: ['test.carol', 'test.c2'] }
    })
  })

  it('shows why a removal was refused', async () => {
    setToken('t')
    fakeNode(() => ({ status: 409, json: { error: 'carol has a balance of 40; settle it first' } }))
    render(<PeerForm peers={[{ id: 'carol', relation: 'child', connected: true, balance: '40', assetCode: 'XRP', assetScale: 9 }]} onChanged={() => {}} />)
    await userEvent.type(screen.getByLabelText('Peer id'), 'carol')
    await userEvent.click(screen.getByRole('button', { name: 'Remove peer' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('carol has a balance of 40')
  })
})
