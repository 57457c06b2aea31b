// Amounts arrive as decimal strings of base units; shown with the asset's scale, exactly
// (BigInt, no floating point), e.g. 1500 at scale 2 → "15.00".

export function scaled (amount: string | null | undefined, scale: number | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '—'
  if (!/^-?\d+$/.test(amount)) return amount
  if (!scale) return amount
  const negative = amount.startsWith('-')
  const digits = (negative ? amount.slice(1) : amount).padStart(scale + 1, '0')
  const whole = digits.slice(0, digits.length - scale)
  const fraction = digits.slice(digits.length - scale)
  return `${negative ? '-' : ''}${whole}.${fraction}`
}

export function withAsset (amount: string | null | undefined, code?: string, scale?: number): string {
  const value = scaled(amount, scale)
  return code ? `${value} ${code}` : value
}

/** A time as HH:MM:SS.mmm in the operator's zone; the raw text when it does not parse. */
export function clock (iso: string | undefined): string {
  if (!iso) return '—'
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const pad = (n: number, w = 2) => String(n).padStart(w, '0')
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
}

/** One random key per opened form: a second click on the same form replays, never doubles. */
export function newIdempotencyKey (): string {
  return `explorer-${crypto.randomUUID()}`
}

/** Hex in groups of 32 bytes per line, for reading. */
export function hexLines (hex: string | null | undefined): string {
  if (!hex) return ''
  const lines: string[] = []
  for (let i = 0; i < hex.length; i += 64) lines.push(hex.slice(i, i + 64))
  return lines.join('\n')
}
