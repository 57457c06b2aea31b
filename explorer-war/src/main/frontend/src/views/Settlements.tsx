import { useEffect, useState, type FormEvent } from 'react'
import { Badge } from '../components/ui/badge'
import { Button } from '../components/ui/button'
import { Card, CardTitle } from '../components/ui/card'
import { Input } from '../components/ui/input'
import { Label } from '../components/ui/label'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../components/ui/table'
import { get, post } from '../lib/api'
import { feed } from '../lib/feed'
import { clock, newIdempotencyKey } from '../lib/format'
import type { Balance, LedgerStatus, OpenSettlement, Peer } from '../lib/types'
import { usePoll } from '../lib/usePoll'

const REFRESH_MS = 2000

/** Settlements waiting for the operator, incoming settlements, and the ledger's state. */
export function Settlements () {
  const open = usePoll(() => get<OpenSettlement[]>('/admin/settlements'), REFRESH_MS)
  const balances = usePoll(() => get<Balance[]>('/admin/balances'), REFRESH_MS)
  const ledger = usePoll(() => get<LedgerStatus>('/admin/ledger'), REFRESH_MS)
  const peers = usePoll(() => get<Peer[]>('/admin/peers'), 0)
  const reloadOpen = open.reload
  const reloadBalances = balances.reload
  useEffect(() => feed.subscribe((e) => {
    if (e.type === 'settlement') { reloadOpen(); reloadBalances() }
  }), [reloadOpen, reloadBalances])
  const changed = () => { reloadOpen(); reloadBalances() }

  return (
    <div className="space-y-4">
      <Card>
        <CardTitle>Open settlement requests</CardTitle>
        <p className="mb-2 text-xs text-muted-foreground">
          Pay the peer outside the network, then confirm with your reference; or fail the request.
        </p>
        {open.error && <p role="alert" className="text-sm text-destructive">{open.error}</p>}
        <Table aria-label="open settlements">
          <TableHeader>
            <TableRow>
              <TableHead>Peer</TableHead>
              <TableHead className="text-right">Amount</TableHead>
              <TableHead>Requested</TableHead>
              <TableHead>Key</TableHead>
              <TableHead>Confirm or fail</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(open.data ?? []).map((s) => <OpenRow key={s.idempotencyKey} settlement={s} onDone={changed} />)}
            {open.data?.length === 0 && (
              <TableRow><TableCell colSpan={5} className="text-muted-foreground">None open.</TableCell></TableRow>
            )}
          </TableBody>
        </Table>
      </Card>
      <IncomingForm peers={peers.data ?? []} onRecorded={changed} />
      <Card>
        <CardTitle>Settled per peer</CardTitle>
        <Table aria-label="settled">
          <TableHeader>
            <TableRow>
              <TableHead>Peer</TableHead>
              <TableHead className="text-right">Balance</TableHead>
              <TableHead className="text-right">In flight</TableHead>
              <TableHead className="text-right">Settled out (by us)</TableHead>
              <TableHead className="text-right">Settled in (by the peer)</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(balances.data ?? []).map((b) => (
              <TableRow key={b.peerId} data-peer={b.peerId}>
                <TableCell className="font-medium">{b.peerId}</TableCell>
                <TableCell className="text-right font-mono">{b.balance}</TableCell>
                <TableCell className="text-right font-mono">{b.settlementInFlight}</TableCell>
                <TableCell className="text-right font-mono" data-field="settledOut">{b.settledOut}</TableCell>
                <TableCell className="text-right font-mono" data-field="settledIn">{b.settledIn}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
      <Card>
        <CardTitle>Ledger</CardTitle>
        {ledger.error && <p role="alert" className="text-sm text-destructive">{ledger.error}</p>}
        {ledger.data && (
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-muted-foreground">Backend</dt><dd>{ledger.data.backend}</dd>
            <dt className="text-muted-foreground">Durable</dt><dd>{ledger.data.durable ? 'yes' : 'no'}</dd>
            <dt className="text-muted-foreground">Reachable</dt>
            <dd><Badge variant={ledger.data.reachable ? 'good' : 'bad'}>{ledger.data.reachable ? 'yes' : 'no'}</Badge></dd>
            <dt className="text-muted-foreground">Detail</dt><dd>{ledger.data.detail}</dd>
          </dl>
        )}
      </Card>
    </div>
  )
}

function OpenRow ({ settlement: s, onDone }: { settlement: OpenSettlement, onDone: () => void }) {
  const [reference, setReference] = useState('')
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const key = encodeURIComponent(s.idempotencyKey)

  async function finish (action: 'confirm' | 'fail') {
    setBusy(true)
    setError(null)
    try {
      await post(`/admin/settlements/${key}/${action}`,
        action === 'confirm' ? { reference } : { reason })
      onDone()
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <TableRow data-settlement={s.idempotencyKey} data-peer={s.peerId}>
      <TableCell className="font-medium">{s.peerId}</TableCell>
      <TableCell className="text-right font-mono" data-field="amount">{s.amount} {s.assetCode}/{s.assetScale}</TableCell>
      <TableCell>{clock(s.requestedAt)}</TableCell>
      <TableCell className="font-mono text-xs">{s.idempotencyKey}</TableCell>
      <TableCell>
        <div className="flex flex-wrap items-center gap-2">
          <Input aria-label="reference" placeholder="reference" className="w-40"
            value={reference} onChange={(e) => setReference(e.target.value)} />
          <Button size="sm" disabled={busy} onClick={() => { void finish('confirm') }}>Confirm</Button>
          <Input aria-label="reason" placeholder="reason" className="w-40"
            value={reason} onChange={(e) => setReason(e.target.value)} />
          <Button size="sm" variant="outline" disabled={busy} onClick={() => { void finish('fail') }}>Fail</Button>
        </div>
        {error && <p role="alert" className="text-xs text-destructive">{error}</p>}
      </TableCell>
    </TableRow>
  )
}

/**
 * Records a settlement a peer made to us. The form holds one Idempotency-Key from the moment it
 * is opened: a double click, or a retry after a lost answer, posts the same key, which the node
 * records once. A new key is made only when a new entry starts (after a recorded one).
 */
export function IncomingForm ({ peers, onRecorded }: { peers: Peer[], onRecorded: () => void }) {
  const [peer, setPeer] = useState('')
  const [amount, setAmount] = useState('')
  const [key, setKey] = useState(newIdempotencyKey)
  const [recorded, setRecorded] = useState<string | null>(null)
  const [error, setError] = useState<{ field: 'amount' | 'peer' | 'form', message: string } | null>(null)
  const chosen = peer || peers[0]?.id || ''

  function startNewEntry () {
    if (recorded !== null) {
      setRecorded(null)
      setKey(newIdempotencyKey())
    }
  }

  async function submit (e: FormEvent) {
    e.preventDefault()
    setError(null)
    try {
      const answer = await post<{ amount: string, transferId: string }>(
        `/admin/peers/${encodeURIComponent(chosen)}/settlements`, { amount },
        { 'Idempotency-Key': key })
      setRecorded(`recorded ${answer.amount} from ${chosen} (transfer ${answer.transferId})`)
      onRecorded()
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      setError({ field: /amount/i.test(message) ? 'amount' : /peer/i.test(message) ? 'peer' : 'form', message })
    }
  }

  return (
    <Card>
      <CardTitle>Record an incoming settlement</CardTitle>
      <form onSubmit={submit} aria-label="incoming settlement" className="flex flex-wrap items-start gap-3">
        <div className="space-y-1">
          <Label htmlFor="incoming-peer">Paid by peer</Label>
          <select id="incoming-peer" value={chosen}
            onChange={(e) => { startNewEntry(); setPeer(e.target.value) }}
            className="flex h-9 rounded-md border border-border bg-white px-2 text-sm">
            {peers.map((p) => <option key={p.id} value={p.id}>{p.id}</option>)}
          </select>
          {error?.field === 'peer' && <p role="alert" className="text-xs text-destructive">{error.message}</p>}
        </div>
        <div className="space-y-1">
          <Label htmlFor="incoming-amount">Amount (base units)</Label>
          <Input id="incoming-amount" className="w-48" value={amount} inputMode="numeric"
            onChange={(e) => { startNewEntry(); setAmount(e.target.value) }}
            aria-invalid={error?.field === 'amount'} aria-describedby="incoming-amount-error" />
          {error?.field === 'amount' &&
            <p id="incoming-amount-error" role="alert" className="text-xs text-destructive">{error.message}</p>}
        </div>
        <div className="space-y-1">
          <span className="block text-sm">&nbsp;</span>
          <Button type="submit" disabled={chosen === ''}>Record</Button>
        </div>
        {error?.field === 'form' && <p role="alert" className="w-full text-sm text-destructive">{error.message}</p>}
        {recorded && <p role="status" className="w-full text-sm text-emerald-700">{recorded}</p>}
        <p className="w-full text-xs text-muted-foreground">Idempotency-Key <span className="font-mono">{key}</span></p>
      </form>
    </Card>
  )
}
