import { describe, expect, it } from 'vitest'
import { NO_FILTER, ROWS_MAX, matches, merge, packetQuery } from './packets'
import type { Packet } from './types'

const packet = (id: string, over: Partial<Packet> = {}): Packet => ({
  id, time: '2026-12-06T01:00:00.000Z', from: 'alice', to: 'bob', destination: 'test.java.bob.x',
  amount: '5', outcome: 'fulfilled', ms: 1, condition: 'ab'.repeat(32), ...over
})

describe('matches (the live side of the server filter)', () => {
  it('takes a peer on either side', () => {
    expect(matches(packet('1'), { ...NO_FILTER, peer: 'bob' })).toBe(true)
    expect(matches(packet('1'), { ...NO_FILTER, peer: 'alice' })).toBe(true)
    expect(matches(packet('1'), { ...NO_FILTER, peer: 'carol' })).toBe(false)
  })
  it('filters by code, prefix and condition', () => {
    const t04 = packet('2', { outcome: 'rejected', code: 'T04' })
    expect(matches(t04, { ...NO_FILTER, code: 't04' })).toBe(true)
    expect(matches(packet('1'), { ...NO_FILTER, code: 'T04' })).toBe(false)
    expect(matches(t04, { ...NO_FILTER, prefix: 'test.java.bob' })).toBe(true)
    expect(matches(t04, { ...NO_FILTER, prefix: 'g.' })).toBe(false)
    expect(matches(t04, { ...NO_FILTER, condition: 'AB'.repeat(32) })).toBe(true)
    expect(matches(t04, { ...NO_FILTER, condition: 'cd'.repeat(32) })).toBe(false)
  })
})

describe('merge', () => {
  it('puts new packets on top, once each, and keeps at most ROWS_MAX', () => {
    const old = Array.from({ length: ROWS_MAX }, (_, i) => packet(`o${i}`))
    const rows = merge(old, [packet('new'), packet('o0')])
    expect(rows).toHaveLength(ROWS_MAX)
    expect(rows[0].id).toBe('new')
    expect(rows.filter((p) => p.id === 'o0')).toHaveLength(1)
  })
})

describe('packetQuery', () => {
  it('sends only the filters set, with the limit', () => {
    expect(packetQuery({ ...NO_FILTER, peer: ' bob ', code: 'f99' })).toBe('peer=bob&code=F99&limit=500')
  })
})
