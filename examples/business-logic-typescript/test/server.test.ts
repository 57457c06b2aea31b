import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { createServer, received } from '../src/server'

const server = createServer()
let base = ''

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

after(() => { server.close() })

async function post (path: string, body: unknown): Promise<[number, any]> {
  const res = await fetch(base + path, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body)
  })
  return [res.status, await res.json()]
}

const payment = {
  paymentId: 'p-1',
  destination: 'test.node.agent.token',
  amount: '1000',
  expiresAt: new Date(Date.now() + 30000).toISOString(),
  data: '',
  metadata: { product: 'p1' }
}

test('a payment is accepted and counted', async () => {
  const [status, answer] = await post('/handle-payment', payment)
  assert.equal(status, 200)
  assert.deepEqual(answer, { accept: true })
  await post('/handle-payment', { ...payment, amount: '18446744073709551615' })
  assert.equal(received.get('p-1'), 1000n, 'an amount over the limit is not counted')
})

test('an amount over the per-packet limit is refused invalid_amount', async () => {
  const [status, answer] = await post('/handle-payment', { ...payment, amount: '1000000001' })
  assert.equal(status, 200)
  assert.equal(answer.accept, false)
  assert.equal(answer.rejectReason.code, 'invalid_amount')
})

test('payment-setup passes the product on as metadata, or refuses it', async () => {
  let [, answer] = await post('/payment-setup', { paymentId: 'x', queryParams: { product: 'p1' } })
  assert.deepEqual(answer, { allow: true, metadata: { product: 'p1' } })
  ;[, answer] = await post('/payment-setup', { paymentId: 'x', queryParams: { product: 'sold-out' } })
  assert.deepEqual(answer, { allow: false })
})

test('health is UP; a request that is not JSON is a 500 (the agent answers T00)', async () => {
  const res = await fetch(base + '/health')
  assert.equal(res.status, 200)
  const bad = await fetch(base + '/handle-payment', { method: 'POST', body: 'not json' })
  assert.equal(bad.status, 500)
})
