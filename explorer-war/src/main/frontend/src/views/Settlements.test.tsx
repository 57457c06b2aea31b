import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { setToken } from '../lib/api'
import type { Peer } from '../lib/types'
import { fakeNode } from '../test/http'
import { IncomingForm } from './Settlements'

const PEERS: Peer[] = [
  { id: 'alice', relation: 'child', connected: true, balance: '0', assetCode: 'XRP', assetScale: 9 }
]

describe('IncomingForm', () => {
  it('shows the node\'s 400 beside the amount', async () => {
    setToken('t')
    fakeNode(() => ({ status: 400, json: { error: 'amount must be an integer 1..18446744073709551615' } }))
    render(<IncomingForm peers={PEERS} onRecorded={() => {}} />)
    await userEvent.type(screen.getByLabelText('Amount (base units)'), 'abc')
    await userEvent.click(screen.getByRole('button', { name: 'Record' }))
    const error = await screen.findByRole('alert')
    expect(error).toHaveTextContent('amount must be an integer')
    expect(error.id).toBe('incoming-amount-error')
    expect(screen.getByLabelText('Amount (base units)')).toHaveAttribute('aria-invalid', 'true')
  })

  it('posts one Idempotency-Key for a double click, a new one for the next entry', async () => {
    setToken('t')
    const calls = fakeNode((c) => ({ json: { amount: (c.body as { amount: string }).amount, transferId: 'x' } }))
    const onRecorded = vi.fn()
    render(<IncomingForm peers={PEERS} onRecorded={onRecorded} />)
    await userEvent.type(screen.getByLabelText('Amount (base units)'), '700')
    await userEvent.dblClick(screen.getByRole('button', { name: 'Record' }))
    await vi.waitFor(() => expect(onRecorded).toHaveBeenCalledTimes(2))
    expect(calls).toHaveLength(2)
    expect(calls.map((c) => c.path)).toEqual(['/admin/peers/alice/settlements', '/admin/peers/alice/settlements'])
    const first = calls[0].headers['Idempotency-Key']
    expect(first).toBeTruthy()
    expect(calls[1].headers['Idempotency-Key']).toBe(first)

    await userEvent.clear(screen.getByLabelText('Amount (base units)'))
    await userEvent.type(screen.getByLabelText('Amount (base units)'), '5')
    await userEvent.click(screen.getByRole('button', { name: 'Record' }))
    await vi.waitFor(() => expect(calls).toHaveLength(3))
    expect(calls[2].headers['Idempotency-Key']).not.toBe(first)
  })
})
