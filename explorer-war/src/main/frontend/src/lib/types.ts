// The admin API's JSON, as connector-web's AdminJson / SettlementJson / telemetry write it.
// Amounts are decimal strings: they reach 2^64, past what a JS number keeps exactly.

export interface Peer {
  id: string
  relation: string
  connected: boolean
  balance: string | null
  balanceError?: string
  pendingIn?: string
  pendingOut?: string
  assetCode: string
  assetScale: number
}

export interface Balance {
  peerId: string
  assetCode: string
  assetScale: number
  balance: string
  pendingIn: string
  pendingOut: string
  available: string
  minBalance: string
  settlementEnabled: boolean
  settleThreshold?: string
  settleTo?: string
  settlementInFlight: string
  settledOut: string
  settledIn: string
}

export interface Route {
  prefix: string
  nextHop: string
  path: string[]
  source: string
  epoch: number
}

export interface PeerExchange {
  linkUp: boolean
  send: { mode: string, epoch: number }
  receive: { routingTableId: string, epoch: number, routes: number, expiresAt: string | null }
}

export interface RoutesResponse {
  routingTableId: string
  epoch: number
  routes: Route[]
  peers: Record<string, PeerExchange>
}

export interface OpenSettlement {
  idempotencyKey: string
  peerId: string
  amount: string
  assetCode: string
  assetScale: number
  requestedAt: string
}

export interface LedgerStatus {
  backend: string
  durable: boolean
  reachable: boolean
  detail: string
}

export interface Packet {
  id: string
  time: string
  from: string
  /** null when the packet was not forwarded (local, refused) */
  to: string | null
  destination: string
  amount: string
  outgoingAmount?: string | null
  assetCode?: string | null
  assetScale?: number | null
  outcome: 'fulfilled' | 'rejected'
  code?: string | null
  message?: string | null
  triggeredBy?: string | null
  ms: number
  condition?: string
}

export interface PacketDetail extends Packet {
  expiresAt?: string
  fulfillment?: string | null
  data?: string | null
  prepareHex?: string | null
  responseHex?: string | null
  bytesEvicted?: boolean
  steps?: { heldMs?: number | null, forwardedMs?: number | null, answeredMs?: number | null }
}

export interface PacketsResponse {
  packets: Packet[]
  total: number
}

export interface StreamFrame {
  type: string
  text?: string
  [field: string]: unknown
}

export interface Telemetry {
  ring?: { capacity: number, size: number }
  dropped?: number
  clients?: number
  packetsLogged?: number
  bytesLogged?: number
  bytesEvicted?: number
}

/** `/health/ready` (MicroProfile Health): the node's check carries address or reason. */
export interface HealthResponse {
  status: string
  checks: Array<{ name: string, status: string, data?: Record<string, unknown> }>
}
