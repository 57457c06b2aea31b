import { useState, type FormEvent } from 'react'
import { Button } from '../components/ui/button'
import { Card, CardTitle } from '../components/ui/card'
import { Input } from '../components/ui/input'
import { Label } from '../components/ui/label'
import { Unauthorized, Unreachable, request, setToken } from '../lib/api'

/** Asks for the admin token and keeps it only once the node has accepted it. */
export function Login ({ onLogin }: { onLogin: () => void }) {
  const [value, setValue] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit (e: FormEvent) {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      // Any answer but 401 means the token is good (503 "not ready" included).
      await request('/admin/ledger', { token: value }).catch((err: unknown) => {
        if (err instanceof Unauthorized || err instanceof Unreachable) throw err
      })
      setToken(value)
      onLogin()
    } catch (err) {
      setError(err instanceof Unauthorized
        ? 'The node refused this token.'
        : 'The node does not answer; is it running?')
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="mx-auto mt-24 max-w-sm">
      <Card>
        <CardTitle>ILP connector explorer</CardTitle>
        <form onSubmit={submit} className="space-y-3" aria-label="login">
          <div className="space-y-1">
            <Label htmlFor="token">Admin API token</Label>
            <Input
              id="token"
              type="password"
              autoComplete="current-password"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              aria-invalid={error !== null}
              aria-describedby="token-error"
            />
            {error && <p id="token-error" role="alert" className="text-sm text-destructive">{error}</p>}
          </div>
          <Button type="submit" disabled={busy || value === ''}>Sign in</Button>
          <p className="text-xs text-muted-foreground">
            The token is the node&apos;s ADMIN_API_TOKEN; it is kept in this tab only.
          </p>
        </form>
      </Card>
    </div>
  )
}
