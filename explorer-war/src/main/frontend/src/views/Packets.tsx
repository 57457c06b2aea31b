import { useCallback, useEffect, useRef, useState } from 'react'
import { Badge } from '../components/ui/badge'
import { Button } from '../components/ui/button'
import { Card, CardTitle } from '../components/ui/card'
import { Input } from '../components/ui/input'
import { Label } from '../components/ui/label'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../components/ui/table'
import { ApiError, Unauthorized, Unreachable, get } from '../lib/api'
import { feed } from '../lib/feed'
import { clock } from '../lib/format'
import { NO_FILTER, matches, merge, packetQuery, type PacketFilter } from '../lib/packets'
import { nodeReachable } from '../lib/store'
import type { Packet, PacketsResponse } from '../lib/types'
import { PacketDetailPanel } from './PacketDetail'

/** Filters are sent to the node once typing pauses this long. */
const FILTER_DEBOUNCE_MS = 300
/**
 * Live packets join the table at most this often. The feed brings up to 200 a second, and
 * merging and rendering 500 rows for each one took a fifth of a core of the operator's machine
 * (bench/explorer-backpressure.sh; on the node's machine, its throughput).
 */
const LIVE_FLUSH_MS = 1000

interface Totals { packetsPerSecond: number, shownPerSecond: number, dropped: number }

/** The live packet table: the node's packet log, then every packet the feed brings. */
export function Packets ({ onTotals }: { onTotals?: (t: Totals) => void }) {
  const [filter, setFilter] = useState<PacketFilter>(NO_FILTER)
  const [applied, setApplied] = useState<PacketFilter>(NO_FILTER)
  const [rows, setRows] = useState<Packet[]>([])
  const [total, setTotal] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [paused, setPaused] = useState(false)
  const [missed, setMissed] = useState(0)
  const [totals, setTotals] = useState<Totals | null>(null)
  const [selected, setSelected] = useState<string | null>(null)
  /** Bumped to read the node's log again and merge it in (reconnect, resume). */
  const [generation, setGeneration] = useState(0)
  const pausedRef = useRef(paused)
  pausedRef.current = paused
  const appliedRef = useRef(applied)
  appliedRef.current = applied
  /** Live packets waiting for the next flush into the table. */
  const arrived = useRef<Packet[]>([])
  const flushTimer = useRef<ReturnType<typeof setTimeout> | null>(null)

  useEffect(() => {
    const timer = setTimeout(() => setApplied(filter), FILTER_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [filter])

  const load = useCallback(async (f: PacketFilter, replace: boolean) => {
    try {
      const answer = await get<PacketsResponse>(`/admin/packets?${packetQuery(f)}`)
      nodeReachable.set(true)
      setRows((r) => merge(replace ? [] : r, answer.packets))
      setTotal(answer.total)
      setError(null)
    } catch (e) {
      if (e instanceof Unauthorized) return
      if (e instanceof Unreachable) { nodeReachable.set(false); return }
      setError(e instanceof ApiError && e.status === 404
        ? 'This node does not keep a packet log.'
        : e instanceof Error ? e.message : String(e))
    }
  }, [])

  // A new filter replaces the rows; a reconnect or resume merges what the log holds now.
  useEffect(() => { void load(applied, true) }, [applied, load])
  useEffect(() => { if (generation > 0) void load(appliedRef.current, false) }, [generation, load])

  useEffect(() => {
    function flush () {
      flushTimer.current = null
      const batch = arrived.current.filter((p) => matches(p, appliedRef.current))
      arrived.current = []
      if (batch.length === 0) return
      setRows((r) => merge(r, batch))
      setTotal((t) => (t === null ? t : t + batch.length))
    }
    const unsubscribe = feed.subscribe((e) => {
      if (e.type !== 'packet' || pausedRef.current) return
      arrived.current.push(e as unknown as Packet)
      if (flushTimer.current === null) flushTimer.current = setTimeout(flush, LIVE_FLUSH_MS)
    })
    return () => {
      unsubscribe()
      if (flushTimer.current !== null) clearTimeout(flushTimer.current)
      flushTimer.current = null
    }
  }, [])

  useEffect(() => feed.subscribe((e) => {
    if (e.type === 'open') {
      // (Re)connected, maybe after a restart: what the log holds now is the truth.
      if (!pausedRef.current) setGeneration((g) => g + 1)
    } else if (e.type === 'packet') {
      if (pausedRef.current) setMissed((m) => m + 1)
    } else if (e.type === 'totals') {
      const t = e as unknown as Totals
      setTotals(t)
      onTotals?.(t)
    }
  }), [onTotals])

  function togglePause () {
    if (paused) {
      setMissed(0)
      setGeneration((g) => g + 1)
    }
    setPaused(!paused)
  }

  const field = (name: keyof PacketFilter, label: string, placeholder: string) => (
    <div className="space-y-1">
      <Label htmlFor={`filter-${name}`}>{label}</Label>
      <Input id={`filter-${name}`} placeholder={placeholder} value={filter[name]}
        className={name === 'condition' ? 'w-96 font-mono' : 'w-40'}
        onChange={(e) => setFilter({ ...filter, [name]: e.target.value })} />
    </div>
  )

  return (
    <div className="space-y-4">
      <Card>
        <div className="mb-3 flex flex-wrap items-end gap-3">
          <CardTitle className="mb-0 mr-4">Packets</CardTitle>
          {field('peer', 'Peer', 'from or to')}
          {field('prefix', 'Destination prefix', 'g.example')}
          {field('code', 'Code', 'T04, F99, …')}
          {field('condition', 'Condition', '64 hex digits')}
          <Button variant="outline" onClick={() => setFilter(NO_FILTER)}>Clear</Button>
          <Button variant={paused ? 'default' : 'outline'} onClick={togglePause} aria-pressed={paused}>
            {paused ? 'Resume' : 'Pause'}
          </Button>
        </div>
        <p className="mb-2 text-xs text-muted-foreground" data-field="counts">
          <span data-field="rows">{rows.length}</span> rows
          {total !== null && <> of <span data-field="total">{total}</span> in the node&apos;s log</>}
          {totals && <> · showing {totals.shownPerSecond} of {totals.packetsPerSecond}/s</>}
          {paused && <> · paused, {missed} new since</>}
        </p>
        {error && <p role="alert" className="text-sm text-destructive">{error}</p>}
        {/* Its own scroll box, so the detail below stays in sight. */}
        <Table aria-label="packets" containerClassName="max-h-[60vh]">
          <TableHeader className="sticky top-0 bg-white">
            <TableRow>
              <TableHead>Time</TableHead>
              <TableHead>From</TableHead>
              <TableHead>To</TableHead>
              <TableHead>Destination</TableHead>
              <TableHead className="text-right">Amount</TableHead>
              <TableHead>Outcome</TableHead>
              <TableHead>Code</TableHead>
              <TableHead className="text-right">ms</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((p) => (
              <TableRow key={p.id} data-packet={p.id} data-outcome={p.outcome}
                onClick={() => setSelected(p.id)} aria-selected={selected === p.id}
                className={selected === p.id ? 'cursor-pointer bg-muted' : 'cursor-pointer'}>
                <TableCell className="font-mono text-xs">{clock(p.time)}</TableCell>
                <TableCell>{p.from}</TableCell>
                <TableCell>{p.to ?? <span className="text-muted-foreground">—</span>}</TableCell>
                <TableCell className="max-w-xs truncate font-mono text-xs" title={p.destination} data-field="destination">{p.destination}</TableCell>
                <TableCell className="text-right font-mono">
                  {p.amount}{p.assetCode && <span className="ml-1 text-xs text-muted-foreground">{p.assetCode}/{p.assetScale}</span>}
                </TableCell>
                <TableCell>
                  <Badge variant={p.outcome === 'fulfilled' ? 'good' : 'bad'}>{p.outcome}</Badge>
                </TableCell>
                <TableCell className="font-mono" data-field="code" title={p.message ?? undefined}>{p.code ?? ''}</TableCell>
                <TableCell className="text-right font-mono">{p.ms}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
      {selected && <PacketDetailPanel id={selected} onClose={() => setSelected(null)} />}
    </div>
  )
}
