import { describe, expect, it } from 'vitest'
import { hexLines, newIdempotencyKey, scaled } from './format'

describe('scaled', () => {
  it('places the decimal point exactly, beyond what a double keeps', () => {
    expect(scaled('1500', 2)).toBe('15.00')
    expect(scaled('5', 9)).toBe('0.000000005')
    expect(scaled('-1500', 3)).toBe('-1.500')
    expect(scaled('18446744073709551615', 9)).toBe('18446744073.709551615')
  })
  it('leaves what is not an integer as it is', () => {
    expect(scaled('abc', 2)).toBe('abc')
    expect(scaled(null, 2)).toBe('—')
  })
})

describe('hexLines', () => {
  it('breaks hex into 32-byte lines', () => {
    expect(hexLines('ab'.repeat(40)).split('\n').map((l) => l.length)).toEqual([64, 16])
  })
})

describe('newIdempotencyKey', () => {
  it('differs per form and is visible ASCII the node accepts', () => {
    const a = newIdempotencyKey()
    expect(a).not.toBe(newIdempotencyKey())
    expect(a).toMatch(/^[\x21-\x7e]{1,255}$/)
  })
})
