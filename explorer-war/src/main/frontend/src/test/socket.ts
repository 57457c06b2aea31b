/** A WebSocket the test drives: open it, push server messages, close it like a restart. */
export class FakeSocket {
  static all: FakeSocket[] = []
  onopen: (() => void) | null = null
  onmessage: ((m: { data: string }) => void) | null = null
  onclose: ((e: { code: number }) => void) | null = null
  closed = false

  constructor (readonly url: string) {
    FakeSocket.all.push(this)
  }

  open (): void { this.onopen?.() }
  push (event: unknown): void { this.onmessage?.({ data: JSON.stringify(event) }) }
  serverClose (code = 1001): void { this.closed = true; this.onclose?.({ code }) }
  close (): void { this.closed = true }

  static last (): FakeSocket {
    const s = FakeSocket.all[FakeSocket.all.length - 1]
    if (!s) throw new Error('no socket opened')
    return s
  }
}
