import { useEffect } from 'react'
import { Badge } from '../components/ui/badge'
import { Card, CardTitle } from '../components/ui/card'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../components/ui/table'
import { get } from '../lib/api'
import { feed } from '../lib/feed'
import type { Balance, Peer } from '../lib/types'
import { usePoll } from '../lib/usePoll'
import { PeerForm } from './PeerForm'

interface PeerRow extends Peer { account?: Balance }

async function loadPeers (): Promise<PeerRow[]> {
  const [peers, balances] = await Promise.all([
    get<Peer[]>('/admin/peers'),
    get<Balance[]>('/admin/balances').catch(() => [] as Balance[])
  ])
  const byId = new Map(balances.map((b) => [b.peerId, b]))
  return peers.map((p) => ({ ...p, account: byId.get(p.id) }))
}

const LIVE_MS = 1000

/** Every peer: relation, link, balance and limits; refreshed each second and on feed events. */
export function Peers () {
  const { data, error, reload } = usePoll(loadPeers, LIVE_MS)
  useEffect(() => feed.subscribe((e) => {
    if (e.type === 'balance' || e.type === 'link' || e.type === 'peers') reload()
  }), [reload])

  return (
    <div className="space-y-4">
      <Card>
        <CardTitle>Peers</CardTitle>
        <p className="mb-2 text-xs text-muted-foreground">
          Amounts in base units of each peer&apos;s asset. Balance positive: we owe the peer.
        </p>
        {error && <p role="alert" className="text-sm text-destructive">{error}</p>}
        <Table aria-label="peers">
          <TableHeader>
            <TableRow>
              <TableHead>Peer</TableHead>
              <TableHead>Relation</TableHead>
              <TableHead>Link</TableHead>
              <TableHead>Asset</TableHead>
              <TableHead className="text-right">Balance</TableHead>
              <TableHead className="text-right">Pending in</TableHead>
              <TableHead className="text-right">Pending out</TableHead>
              <TableHead className="text-right">Available</TableHead>
              <TableHead className="text-right">Min balance</TableHead>
              <TableHead className="text-right">Settle at / to</TableHead>
              <TableHead className="text-right">Settled out / in</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(data ?? []).map((p) => (
              <TableRow key={p.id} data-peer={p.id}>
                <TableCell className="font-medium">{p.id}</TableCell>
                <TableCell>{p.relation}</TableCell>
                <TableCell data-field="link">
                  <Badge variant={p.connected ? 'good' : 'bad'}>{p.connected ? 'up' : 'down'}</Badge>
                </TableCell>
                <TableCell>{p.assetCode}/{p.assetScale}</TableCell>
                <TableCell className="text-right font-mono" data-field="balance">
                  {p.account?.balance ?? p.balance ?? <span title={p.balanceError}>?</span>}
                </TableCell>
                <TableCell className="text-right font-mono">{p.account?.pendingIn ?? p.pendingIn ?? '—'}</TableCell>
                <TableCell className="text-right font-mono">{p.account?.pendingOut ?? p.pendingOut ?? '—'}</TableCell>
                <TableCell className="text-right font-mono" data-field="available">{p.account?.available ?? '—'}</TableCell>
                <TableCell className="text-right font-mono">{p.account?.minBalance ?? '—'}</TableCell>
                <TableCell className="text-right font-mono">
                  {p.account?.settlementEnabled
                    ? `${p.account.settleThreshold ?? '—'} / ${p.account.settleTo ?? '—'}`
                    : 'off'}
                </TableCell>
                <TableCell className="text-right font-mono">
                  {p.account ? `${p.account.settledOut} / ${p.account.settledIn}` : '—'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
      <PeerForm peers={data ?? []} onChanged={reload} />
    </div>
  )
}
