import type { Packet } from './types'

export interface PacketFilter {
  peer: string
  prefix: string
  code: string
  condition: string
}

export const NO_FILTER: PacketFilter = { peer: '', prefix: '', code: '', condition: '' }

/** At most this many rows in the table (the server's limit per query is 500 too). */
export const ROWS_MAX = 500

/** The query of GET /admin/packets for a filter. */
export function packetQuery (f: PacketFilter): string {
  const q = new URLSearchParams()
  if (f.peer.trim()) q.set('peer', f.peer.trim())
  if (f.prefix.trim()) q.set('prefix', f.prefix.trim())
  if (f.code.trim()) q.set('code', f.code.trim().toUpperCase())
  if (f.condition.trim()) q.set('condition', f.condition.trim().toLowerCase())
  q.set('limit', String(ROWS_MAX))
  return q.toString()
}

/** The same filter as the server's, for packets arriving on the live feed. */
export function matches (p: Packet, f: PacketFilter): boolean {
  const peer = f.peer.trim()
  if (peer && p.from !== peer && p.to !== peer) return false
  if (f.prefix.trim() && !p.destination.startsWith(f.prefix.trim())) return false
  const code = f.code.trim().toUpperCase()
  if (code) {
    if (code === 'FULFILLED' || code === 'OK') { if (p.outcome !== 'fulfilled') return false } else if ((p.code ?? '') !== code) return false
  }
  const condition = f.condition.trim().toLowerCase()
  if (condition && (p.condition ?? '').toLowerCase() !== condition) return false
  return true
}

/** Newest first, one row per id (the incoming copy wins), at most ROWS_MAX. */
export function merge (rows: Packet[], incoming: Packet[]): Packet[] {
  const seen = new Set<string>()
  const out: Packet[] = []
  const time = (p: Packet) => Date.parse(p.time) || 0
  const all = [...incoming, ...rows]
  // A stable sort keeps arrival order among packets of the same millisecond.
  all.sort((a, b) => time(b) - time(a))
  for (const p of all) {
    if (seen.has(p.id)) continue
    seen.add(p.id)
    out.push(p)
    if (out.length === ROWS_MAX) break
  }
  return out
}
