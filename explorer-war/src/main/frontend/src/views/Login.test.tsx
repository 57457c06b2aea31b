import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { token } from '../lib/api'
import { fakeNode } from '../test/http'
import { Login } from './Login'

describe('Login', () => {
  it('shows an error for a refused token and keeps nothing', async () => {
    fakeNode((c) => c.headers.Authorization === 'Bearer right'
      ? { json: { backend: 'embedded' } }
      : { status: 401, json: { error: 'invalid token' } })
    const onLogin = vi.fn()
    render(<Login onLogin={onLogin} />)
    await userEvent.type(screen.getByLabelText('Admin API token'), 'wrong')
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('refused')
    expect(onLogin).not.toHaveBeenCalled()
    expect(token()).toBeNull()
  })

  it('keeps an accepted token in sessionStorage', async () => {
    fakeNode((c) => c.headers.Authorization === 'Bearer right'
      ? { json: { backend: 'embedded' } }
      : { status: 401, json: { error: 'invalid token' } })
    const onLogin = vi.fn()
    render(<Login onLogin={onLogin} />)
    await userEvent.type(screen.getByLabelText('Admin API token'), 'right')
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    await vi.waitFor(() => expect(onLogin).toHaveBeenCalledOnce())
    expect(sessionStorage.getItem('ilp-explorer-admin-token')).toBe('right')
  })
})
