import { useState, type FormEvent } from 'react'
import { Button } from '../components/ui/button'
import { Card, CardTitle } from '../components/ui/card'
import { Input } from '../components/ui/input'
import { Label } from '../components/ui/label'
import { ApiError, request } from '../lib/api'
import type { Peer } from '../lib/types'

/**
 * The body fields of POST/PUT /admin/peers/{id} (docs/explorer.md), with the config key
 * (peer.<id>.…) each stands for; the node checks them with the config's own code.
 */
export const PEER_FIELDS = [
  { name: 'relation', label: 'Relation (parent, peer, child)', key: 'relation' },
  { name: 'incomingToken', label: 'BTP token (the peer dials us)', key: 'btp.token' },
  { name: 'btpUrl', label: 'BTP URL (we dial the peer)', key: 'btp.url' },
  { name: 'assetCode', label: 'Asset code', key: 'asset.code' },
  { name: 'assetScale', label: 'Asset scale', key: 'asset.scale' },
  { name: 'minBalance', label: 'Min balance', key: 'min-balance' },
  { name: 'maxPacketAmount', label: 'Max packet amount', key: 'max-packet-amount' },
  { name: 'settleThreshold', label: 'Settle threshold', key: 'settle-threshold' },
  { name: 'settleTo', label: 'Settle to', key: 'settle-to' },
  { name: 'routes', label: 'Routes (prefixes, comma-separated)', key: 'routes' }
] as const

type FieldName = typeof PEER_FIELDS[number]['name']
type Values = Record<FieldName, string>
const EMPTY: Values = Object.fromEntries(PEER_FIELDS.map((f) => [f.name, ''])) as Values

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '')

const isField = (name: string | undefined): name is FieldName =>
  PEER_FIELDS.some((f) => f.name === name)

/**
 * Which field a one-line 400 is about: the node's `field` when it sends one, else the JSON name
 * or config key the message names (peer.carol.min-balance, PEER_CAROL_MIN_BALANCE), compared
 * without case and punctuation; null when it names none.
 */
export function fieldOfError (message: string, field?: string): FieldName | null {
  if (isField(field)) return field
  const words = message.split(/[\s:,;'"`()=]+/).map(squash).filter(Boolean)
  // Longest names first: "settleto" must not claim "settlethreshold"'s message.
  const byLength = [...PEER_FIELDS].sort((a, b) => b.name.length - a.name.length)
  for (const f of byLength) {
    const names = [squash(f.name), squash(f.key)]
    if (words.some((w) => names.some((n) => w === n || w.endsWith(n)))) return f.name
  }
  return null
}

/** Add, change or remove a peer at run time; a 400 is shown beside the field it names. */
export function PeerForm ({ peers, onChanged }: { peers: Peer[], onChanged: () => void }) {
  const [id, setId] = useState('')
  const [values, setValues] = useState<Values>(EMPTY)
  const [fieldError, setFieldError] = useState<{ field: FieldName | null, message: string } | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const exists = peers.some((p) => p.id === id)

  async function send (method: 'POST' | 'PUT' | 'DELETE') {
    setFieldError(null)
    setDone(null)
    const body: Record<string, string | string[]> = {}
    for (const f of PEER_FIELDS) {
      const v = values[f.name].trim()
      if (v === '') continue
      body[f.name] = f.name === 'routes' ? v.split(',').map((r) => r.trim()).filter(Boolean) : v
    }
    try {
      await request(`/admin/peers/${encodeURIComponent(id)}`,
        { method, body: method === 'DELETE' ? undefined : body })
      setDone(method === 'POST' ? `added ${id}` : method === 'PUT' ? `changed ${id}` : `removed ${id}`)
      if (method === 'DELETE') setValues(EMPTY)
      onChanged()
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e)
      const field = e instanceof ApiError && e.status === 400 ? fieldOfError(message, e.field) : null
      setFieldError({ field, message })
    }
  }

  function submit (e: FormEvent) {
    e.preventDefault()
    void send(exists ? 'PUT' : 'POST')
  }

  const errorFor = (name: string) => fieldError?.field === name
    ? <p role="alert" data-error-for={name} className="text-xs text-destructive">{fieldError.message}</p>
    : null

  return (
    <Card>
      <CardTitle>Add, change or remove a peer</CardTitle>
      <p className="mb-2 text-xs text-muted-foreground">
        Empty fields are left out. Change replaces the peer&apos;s settings as a whole: fill in
        every setting it should keep. A peer keeps its asset; one with a balance cannot be removed.
      </p>
      <form onSubmit={submit} aria-label="peer" className="space-y-3">
        <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
          <div className="space-y-1">
            <Label htmlFor="peer-id">Peer id</Label>
            <Input id="peer-id" value={id} onChange={(e) => setId(e.target.value.trim())} />
          </div>
          {PEER_FIELDS.map((f) => (
            <div key={f.name} className="space-y-1">
              <Label htmlFor={`peer-${f.name}`}>{f.label}</Label>
              <Input id={`peer-${f.name}`} name={f.name} value={values[f.name]}
                type={f.name === 'incomingToken' ? 'password' : 'text'} autoComplete="off"
                onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
                aria-invalid={fieldError?.field === f.name} />
              {errorFor(f.name)}
            </div>
          ))}
        </div>
        {fieldError && fieldError.field === null &&
          <p role="alert" data-error-for="form" className="text-sm text-destructive">{fieldError.message}</p>}
        {done && <p role="status" className="text-sm text-emerald-700">{done}</p>}
        <div className="flex gap-2">
          <Button type="submit" disabled={id === ''}>{exists ? 'Change peer' : 'Add peer'}</Button>
          <Button type="button" variant="destructive" disabled={!exists}
            onClick={() => { void send('DELETE') }}>Remove peer</Button>
        </div>
      </form>
    </Card>
  )
}
