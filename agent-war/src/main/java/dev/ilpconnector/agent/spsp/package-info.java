/**
 * SPSP (RFC 9) on the agent port: {@code GET /.well-known/pay} and {@code GET /} open a new
 * payment, {@code GET /{paymentId}} one with the payer's id; the answer
 * ({@code application/spsp4+json}) holds a STREAM destination address under the base address
 * and its shared secret. Receipts (RFC 39) are asked for with the {@code Receipt-Nonce} and
 * {@code Receipt-Secret} headers. Query parameters go to the business logic's payment-setup
 * first; nothing is created unless it allows the payment. Also {@code GET /health}: the
 * business logic's health, apart from the node's readiness.
 */
package dev.ilpconnector.agent.spsp;
