import { Badge } from '../components/ui/badge'
import { Card, CardTitle } from '../components/ui/card'
import { ApiError, Unreachable, apiUrl, get } from '../lib/api'
import { feed } from '../lib/feed'
import { useStore } from '../lib/store'
import type { HealthResponse, Telemetry } from '../lib/types'
import { usePoll } from '../lib/usePoll'

const REFRESH_MS = 2000

/** /health/ready answers 503 with the same JSON while not ready: both are an answer here. */
async function loadHealth (): Promise<HealthResponse> {
  let response: Response
  try {
    response = await fetch(apiUrl('/health/ready'), { cache: 'no-store' })
  } catch (e) {
    throw new Unreachable(String(e))
  }
  try {
    return await response.json() as HealthResponse
  } catch {
    if (response.status >= 502) throw new Unreachable(`${response.status}`)
    throw new ApiError(response.status, `health answered ${response.status}`)
  }
}

async function loadTelemetry (): Promise<Telemetry | null> {
  try {
    return await get<Telemetry>('/admin/telemetry')
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null
    throw e
  }
}

/**
 * The node: address, readiness and why not, each check, and the explorer's own counters. Drops
 * (events the ring or a browser's queue had no room for) come from /admin/telemetry, or from
 * the feed's totals when the node does not serve it.
 */
export function Node ({ dropped }: { dropped: number }) {
  const health = usePoll(loadHealth, REFRESH_MS)
  const telemetry = usePoll(loadTelemetry, REFRESH_MS)
  const feedState = useStore(feed.state)
  const node = health.data?.checks.find((c) => c.name === 'connector-node')
  const address = node?.data?.address
  const reason = node?.data?.reason

  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Card>
        <CardTitle>Node</CardTitle>
        {health.error && <p role="alert" className="text-sm text-destructive">{health.error}</p>}
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-muted-foreground">Address</dt>
          <dd className="font-mono" data-field="address">{address === undefined ? '—' : String(address)}</dd>
          <dt className="text-muted-foreground">Ready</dt>
          <dd data-field="ready">
            {health.data
              ? <Badge variant={health.data.status === 'UP' ? 'good' : 'bad'}>{health.data.status}</Badge>
              : '—'}
          </dd>
          {reason !== undefined && (<>
            <dt className="text-muted-foreground">Not ready because</dt>
            <dd data-field="reason">{String(reason)}</dd>
          </>)}
        </dl>
        <h4 className="mb-1 mt-4 text-sm font-semibold">Checks</h4>
        <ul className="space-y-1 text-sm">
          {(health.data?.checks ?? []).map((c) => (
            <li key={c.name} className="flex items-center gap-2">
              <Badge variant={c.status === 'UP' ? 'good' : 'bad'}>{c.status}</Badge>
              <span className="font-mono">{c.name}</span>
              {c.data && 'reason' in c.data && <span className="text-muted-foreground">{String(c.data.reason)}</span>}
            </li>
          ))}
        </ul>
      </Card>
      <Card>
        <CardTitle>Explorer</CardTitle>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-muted-foreground">Live feed</dt><dd data-field="feed">{feedState}</dd>
          <dt className="text-muted-foreground">Events dropped since start</dt>
          <dd className="font-mono" data-field="dropped">{telemetry.data?.dropped ?? dropped}</dd>
          {telemetry.data && (<>
            <dt className="text-muted-foreground">Event ring</dt>
            <dd className="font-mono">{telemetry.data.ring ? `${telemetry.data.ring.size} / ${telemetry.data.ring.capacity}` : '—'}</dd>
            <dt className="text-muted-foreground">Feed clients</dt><dd className="font-mono">{telemetry.data.clients ?? '—'}</dd>
            <dt className="text-muted-foreground">Packets logged</dt><dd className="font-mono">{telemetry.data.packetsLogged ?? '—'}</dd>
            <dt className="text-muted-foreground">Packet bytes kept / evicted</dt>
            <dd className="font-mono">{telemetry.data.bytesLogged ?? '—'} / {telemetry.data.bytesEvicted ?? '—'}</dd>
          </>)}
          {telemetry.data === null && (<>
            <dt className="text-muted-foreground">Telemetry</dt><dd>not served by this node</dd>
          </>)}
        </dl>
      </Card>
    </div>
  )
}
