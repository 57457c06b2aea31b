// The live feed: a WebSocket at /explorer/feed that takes a one-time ticket (browsers cannot
// send a bearer header on a WebSocket), got from POST /admin/explorer/tickets with the token.
// On any close it fetches a new ticket and reconnects with a growing pause, so a node restart
// shows "reconnecting" and then resumes without a page reload.
import { ApiError, Unauthorized, post } from './api'
import { Store } from './store'

export type FeedState = 'connecting' | 'live' | 'reconnecting' | 'unavailable' | 'stopped'

export interface FeedEvent {
  type: string
  [field: string]: unknown
}

type Listener = (event: FeedEvent) => void

const RETRY_MS_MIN = 500
const RETRY_MS_MAX = 5000
/** Without the tickets endpoint (an older node) the feed is looked for again this rarely. */
const UNAVAILABLE_RETRY_MS = 15000

export class Feed {
  readonly state = new Store<FeedState>('stopped')
  private listeners = new Set<Listener>()
  private socket: WebSocket | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private retryMs = RETRY_MS_MIN
  private running = false

  constructor (private readonly makeSocket: (url: string) => WebSocket = (url) => new WebSocket(url)) {}

  subscribe (listener: Listener): () => void {
    this.listeners.add(listener)
    return () => { this.listeners.delete(listener) }
  }

  start (): void {
    if (this.running) return
    this.running = true
    this.state.set('connecting')
    void this.connect()
  }

  stop (): void {
    this.running = false
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    const socket = this.socket
    this.socket = null
    socket?.close(1000)
    this.state.set('stopped')
  }

  private async connect (): Promise<void> {
    if (!this.running) return
    let ticket: string
    try {
      ticket = (await post<{ ticket: string }>('/admin/explorer/tickets', {})).ticket
    } catch (e) {
      if (e instanceof Unauthorized) { this.stop(); return }
      if (e instanceof ApiError && e.status === 404) {
        this.state.set('unavailable')
        this.retry(UNAVAILABLE_RETRY_MS)
        return
      }
      this.state.set('reconnecting')
      this.retry()
      return
    }
    if (!this.running) return
    const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:'
    const url = `${scheme}//${window.location.host}/explorer/feed?ticket=${encodeURIComponent(ticket)}`
    const socket = this.makeSocket(url)
    this.socket = socket
    socket.onopen = () => {
      this.retryMs = RETRY_MS_MIN
      this.state.set('live')
      this.emit({ type: 'open' })
    }
    socket.onmessage = (message) => {
      let event: unknown
      try {
        event = JSON.parse(String(message.data))
      } catch {
        return // not ours to show; the server only sends JSON
      }
      if (event !== null && typeof event === 'object' && typeof (event as FeedEvent).type === 'string') {
        this.emit(event as FeedEvent)
      }
    }
    socket.onclose = () => {
      if (this.socket !== socket) return
      this.socket = null
      if (!this.running) return
      this.state.set('reconnecting')
      this.retry()
    }
  }

  private retry (delayMs?: number): void {
    if (!this.running) return
    const wait = delayMs ?? this.retryMs
    this.retryMs = Math.min(RETRY_MS_MAX, this.retryMs * 2)
    this.timer = setTimeout(() => { this.timer = null; void this.connect() }, wait)
  }

  private emit (event: FeedEvent): void {
    this.listeners.forEach((l) => l(event))
  }
}

/** The app's one feed (started after login, stopped at logout). */
export const feed = new Feed()
