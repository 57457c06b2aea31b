// The agent runtime's business-logic API (docs/agent.md in the connector's repository).

/** POST /handle-payment: one STREAM packet with money for you. */
export interface PaymentRequest {
  /** The SPSP payment this packet belongs to (yours if payment-setup chose it). */
  paymentId: string
  /** The packet's ILP address (under the agent's BASE_ADDRESS). */
  destination: string
  /** Amount in the agent's asset units, a decimal string (up to 2^64 - 1: use BigInt). */
  amount: string
  /** When the packet expires (ISO 8601); answer well before. */
  expiresAt: string
  /** The STREAM data frames of the packet, base64 (may be empty). */
  data: string
  /** What payment-setup returned for this payment, if anything. */
  metadata?: Record<string, unknown>
}

/** Why a payment is refused; each code becomes an ILP error the sender sees. */
export type RejectCode =
  | 'insufficient_funds' // T04: try again later
  | 'expired' // R00
  | 'invalid_request' // F00
  | 'invalid_amount' // F03
  | 'unexpected_payment' // F06
  | 'application_error' // F99
  | 'internal_error' // T00: temporary

export type PaymentResponse =
  | { accept: true, data?: string }
  | { accept: false, rejectReason: { code: RejectCode, message: string } }

/** POST /payment-setup: an SPSP query, before any money moves. */
export interface PaymentSetupRequest {
  paymentId: string
  /** The SPSP URL's query parameters, e.g. ?product=p1. */
  queryParams: Record<string, string>
}

export interface PaymentSetupResponse {
  /** false: the payer gets HTTP 403 and no payment is created. */
  allow: boolean
  /** Your own id for the payment (1-64 of A-Z a-z 0-9 _ ~ -). */
  paymentId?: string
  /** Handed to every /handle-payment of this payment. */
  metadata?: Record<string, unknown>
}
