import { useEffect, useState } from 'react'
import { Button } from '../components/ui/button'
import { Card, CardTitle } from '../components/ui/card'
import { ApiError, get, post } from '../lib/api'
import { clock, hexLines } from '../lib/format'
import type { PacketDetail, StreamFrame } from '../lib/types'

type Decoded = Record<string, unknown>

interface Loaded {
  packet: PacketDetail
  prepare: Decoded | null
  response: Decoded | null
  /** null: the node's agent did not receive this packet (404) */
  frames: { request: StreamFrame[], reply: StreamFrame[] } | null
}

async function decode (hex: string | null | undefined): Promise<Decoded | null> {
  if (!hex) return null
  return post<Decoded>('/admin/packets/decode', { hex })
}

async function loadDetail (id: string): Promise<Loaded> {
  const path = `/admin/packets/${encodeURIComponent(id)}`
  const packet = await get<PacketDetail>(path)
  const [prepare, response, frames] = await Promise.all([
    decode(packet.prepareHex),
    decode(packet.responseHex),
    get<{ frames: StreamFrame[], replyFrames?: StreamFrame[] }>(`${path}/stream`).then(
      (s) => ({ request: s.frames, reply: s.replyFrames ?? [] }), (e: unknown) => {
      if (e instanceof ApiError && e.status === 404) return null
      throw e
    })
  ])
  return { packet, prepare, response, frames }
}

/** Everything a value can be, shown as text: strangers choose addresses, messages and data. */
const text = (v: unknown): string => v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v)

function Field ({ name, label, value, mono = true }: { name: string, label: string, value: unknown, mono?: boolean }) {
  return (<>
    <dt className="text-muted-foreground">{label}</dt>
    <dd className={mono ? 'break-all font-mono text-xs' : 'break-all'} data-field={name}>{text(value)}</dd>
  </>)
}

/** STREAM frames (RFC 29) as the node decrypted them; StreamData's text is shown as text. */
function FrameList ({ name, frames }: { name: string, frames: StreamFrame[] }) {
  return (
    <ol className="space-y-1 text-sm" data-field={name}>
      {frames.map((f, i) => (
        <li key={i} data-frame={f.type}>
          <span className="font-medium">{f.type}</span>{' '}
          <span className="font-mono text-xs">
            {Object.entries(f).filter(([k]) => k !== 'type').map(([k, v]) => `${k}=${text(v)}`).join(' ')}
          </span>
        </li>
      ))}
    </ol>
  )
}

/** One packet: the Prepare and its answer decoded by the node, the raw bytes, this hop's times. */
export function PacketDetailPanel ({ id, onClose }: { id: string, onClose: () => void }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let cancelled = false
    setLoaded(null)
    setError(null)
    loadDetail(id).then((l) => { if (!cancelled) setLoaded(l) },
      (e: unknown) => { if (!cancelled) setError(e instanceof Error ? e.message : String(e)) })
    return () => { cancelled = true }
  }, [id])

  const p = loaded?.packet
  const prepare = loaded?.prepare
  const response = loaded?.response
  return (
    <Card aria-label="packet detail" data-packet-detail={id}>
      <div className="flex items-center justify-between">
        <CardTitle>Packet {id}</CardTitle>
        <Button size="sm" variant="ghost" onClick={onClose}>Close</Button>
      </div>
      {error && <p role="alert" className="text-sm text-destructive">{error}</p>}
      {!loaded && !error && <p className="text-sm text-muted-foreground">Loading…</p>}
      {p && (
        <div className="grid gap-4 lg:grid-cols-2">
          <section>
            <h4 className="mb-1 text-sm font-semibold">ILP Prepare (decoded by the node)</h4>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <Field name="destination" label="Destination" value={prepare?.destination ?? p.destination} />
              <Field name="amount" label="Amount in" value={prepare?.amount ?? p.amount} />
              <Field name="outgoingAmount" label="Amount out" value={p.outgoingAmount} />
              <Field name="asset" label="Asset" value={p.assetCode ? `${p.assetCode}/${p.assetScale}` : null} />
              <Field name="expiresAt" label="Expires" value={prepare?.expiresAt ?? p.expiresAt} />
              <Field name="condition" label="Condition" value={prepare?.executionCondition ?? p.condition} />
              <Field name="data" label="Data" value={prepare?.data ?? p.data} />
              <Field name="from" label="From" value={p.from} mono={false} />
              <Field name="to" label="To" value={p.to} mono={false} />
            </dl>
            <h4 className="mb-1 mt-3 text-sm font-semibold">Answer: {p.outcome}</h4>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              {p.outcome === 'fulfilled'
                ? <Field name="fulfillment" label="Fulfillment" value={response?.fulfillment ?? p.fulfillment} />
                : (<>
                    <Field name="code" label="Code" value={response?.code ?? p.code} />
                    <Field name="message" label="Message" value={response?.message ?? p.message} mono={false} />
                    <Field name="triggeredBy" label="Triggered by" value={response?.triggeredBy ?? p.triggeredBy} />
                  </>)}
              <Field name="responseData" label="Data" value={response?.data} />
            </dl>
            <h4 className="mb-1 mt-3 text-sm font-semibold">This hop</h4>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <Field name="time" label="Received" value={clock(p.time)} />
              <Field name="heldMs" label="Held after (ms)" value={p.steps?.heldMs} />
              <Field name="forwardedMs" label="Forwarded after (ms)" value={p.steps?.forwardedMs} />
              <Field name="answeredMs" label="Answered after (ms)" value={p.steps?.answeredMs ?? p.ms} />
            </dl>
          </section>
          <section>
            <h4 className="mb-1 text-sm font-semibold">Bytes</h4>
            {p.bytesEvicted && (
              <p className="mb-2 text-sm text-amber-800" data-field="bytesEvicted">
                The node has let go of this packet&apos;s bytes to stay within its packet log size.
              </p>
            )}
            <p className="text-xs text-muted-foreground">Prepare</p>
            <pre className="mb-2 overflow-x-auto rounded bg-muted p-2 font-mono text-xs" data-field="prepareHex">{hexLines(p.prepareHex)}</pre>
            <p className="text-xs text-muted-foreground">Answer</p>
            <pre className="overflow-x-auto rounded bg-muted p-2 font-mono text-xs" data-field="responseHex">{hexLines(p.responseHex)}</pre>
            <h4 className="mb-1 mt-3 text-sm font-semibold">STREAM frames</h4>
            {loaded?.frames === null
              ? <p className="text-sm text-muted-foreground">None: this node&apos;s agent did not receive this packet.</p>
              : (<>
                  <FrameList name="frames" frames={loaded?.frames.request ?? []} />
                  {(loaded?.frames.reply.length ?? 0) > 0 && (<>
                    <p className="mt-2 text-xs text-muted-foreground">In the reply</p>
                    <FrameList name="replyFrames" frames={loaded?.frames.reply ?? []} />
                  </>)}
                </>)}
          </section>
        </div>
      )}
    </Card>
  )
}
