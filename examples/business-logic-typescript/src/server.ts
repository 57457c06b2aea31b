// Boilerplate business logic for the ILP connector's agent runtime. Edit handlePayment (and,
// if you want, paymentSetup); the agent does ILP, SPSP and STREAM and calls you over HTTP.
import http from 'node:http'
import type {
  PaymentRequest, PaymentResponse, PaymentSetupRequest, PaymentSetupResponse
} from './types'

/** The largest amount one packet may carry here (agent asset units); MAX_PACKET_AMOUNT. */
const MAX_PACKET_AMOUNT = BigInt(process.env.MAX_PACKET_AMOUNT ?? '1000000000')

/** What each payment has brought so far (in memory: use your database). */
export const received = new Map<string, bigint>()

/** Called once per STREAM packet with money. Accept to take it, refuse to bounce it. */
export async function handlePayment (request: PaymentRequest): Promise<PaymentResponse> {
  const { paymentId, amount, metadata } = request
  if (BigInt(amount) > MAX_PACKET_AMOUNT) {
    return {
      accept: false,
      rejectReason: { code: 'invalid_amount', message: `at most ${MAX_PACKET_AMOUNT} per packet` }
    }
  }
  // Your business logic: check stock, the user, record the payment, ...
  received.set(paymentId, (received.get(paymentId) ?? 0n) + BigInt(amount))
  console.log(`paid paymentId=${paymentId} amount=${amount} total=${received.get(paymentId)}` +
    (metadata ? ` metadata=${JSON.stringify(metadata)}` : ''))
  return { accept: true }
}

/** Called for each SPSP query before a payment starts; optional (404 allows everything). */
export async function paymentSetup (request: PaymentSetupRequest): Promise<PaymentSetupResponse> {
  const { product } = request.queryParams
  if (product === 'sold-out') {
    return { allow: false }
  }
  return { allow: true, metadata: product ? { product } : undefined }
}

function reply (res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

async function route (req: http.IncomingMessage, body: string): Promise<[number, unknown]> {
  if (req.method === 'POST' && req.url === '/handle-payment') {
    return [200, await handlePayment(JSON.parse(body) as PaymentRequest)]
  }
  if (req.method === 'POST' && req.url === '/payment-setup') {
    return [200, await paymentSetup(JSON.parse(body) as PaymentSetupRequest)]
  }
  if (req.method === 'GET' && req.url === '/health') {
    return [200, { status: 'UP' }]
  }
  return [404, { error: 'not found' }]
}

/** The HTTP server the agent calls (BUSINESS_LOGIC_URL). */
export function createServer (): http.Server {
  const server = http.createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => { body += chunk })
    req.on('end', () => {
      route(req, body)
        .then(([status, answer]) => reply(res, status, answer))
        // a failure here is an answer the agent turns into T00: the sender may retry
        .catch((e: Error) => reply(res, 500, { error: e.message }))
    })
  })
  server.keepAliveTimeout = 60_000 // the agent keeps its connections open
  return server
}

if (require.main === module) {
  const port = Number(process.env.PORT ?? 8080)
  createServer().listen(port, process.env.HOST ?? '127.0.0.1', () => {
    console.log(`business logic listening on http://${process.env.HOST ?? '127.0.0.1'}:${port}`)
  })
}
