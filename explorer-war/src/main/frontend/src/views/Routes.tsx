import { useEffect } from 'react'
import { Badge } from '../components/ui/badge'
import { Card, CardTitle } from '../components/ui/card'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../components/ui/table'
import { get } from '../lib/api'
import { feed } from '../lib/feed'
import type { RoutesResponse } from '../lib/types'
import { usePoll } from '../lib/usePoll'

const REFRESH_MS = 5000

/** The routing table as the switch sees it, and the route exchange (CCP) with each peer. */
export function Routes () {
  const { data, error, reload } = usePoll(() => get<RoutesResponse>('/admin/routes'), REFRESH_MS)
  useEffect(() => feed.subscribe((e) => { if (e.type === 'routes') reload() }), [reload])

  return (
    <div className="space-y-4">
      <Card>
        <CardTitle>Routes</CardTitle>
        {error && <p role="alert" className="text-sm text-destructive">{error}</p>}
        {data && (
          <p className="mb-2 text-xs text-muted-foreground">
            Table <span className="font-mono" data-field="routingTableId">{data.routingTableId}</span>,
            epoch <span className="font-mono" data-field="epoch">{data.epoch}</span>
          </p>
        )}
        <Table aria-label="routes">
          <TableHeader>
            <TableRow>
              <TableHead>Prefix</TableHead>
              <TableHead>Next hop</TableHead>
              <TableHead>Path</TableHead>
              <TableHead>Source</TableHead>
              <TableHead className="text-right">Epoch</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(data?.routes ?? []).map((r) => (
              <TableRow key={r.prefix} data-prefix={r.prefix}>
                <TableCell className="font-mono">{r.prefix}</TableCell>
                <TableCell>{r.nextHop === '' ? '(this node)' : r.nextHop}</TableCell>
                <TableCell className="font-mono text-xs">{r.path.join(' → ')}</TableCell>
                <TableCell>{r.source}</TableCell>
                <TableCell className="text-right font-mono">{r.epoch}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
      <Card>
        <CardTitle>Route exchange per peer</CardTitle>
        <Table aria-label="route exchange">
          <TableHeader>
            <TableRow>
              <TableHead>Peer</TableHead>
              <TableHead>Link</TableHead>
              <TableHead>We send</TableHead>
              <TableHead className="text-right">Sent epoch</TableHead>
              <TableHead>Their table</TableHead>
              <TableHead className="text-right">Their epoch</TableHead>
              <TableHead className="text-right">Routes</TableHead>
              <TableHead>Expire</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {Object.entries(data?.peers ?? {}).map(([id, x]) => (
              <TableRow key={id} data-peer={id}>
                <TableCell className="font-medium">{id}</TableCell>
                <TableCell><Badge variant={x.linkUp ? 'good' : 'bad'}>{x.linkUp ? 'up' : 'down'}</Badge></TableCell>
                <TableCell>{x.send.mode}</TableCell>
                <TableCell className="text-right font-mono">{x.send.epoch}</TableCell>
                <TableCell className="font-mono text-xs">{x.receive.routingTableId}</TableCell>
                <TableCell className="text-right font-mono">{x.receive.epoch}</TableCell>
                <TableCell className="text-right font-mono">{x.receive.routes}</TableCell>
                <TableCell className="text-xs">{x.receive.expiresAt ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
    </div>
  )
}
