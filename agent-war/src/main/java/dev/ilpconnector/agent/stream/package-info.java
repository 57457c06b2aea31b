/**
 * The agent as the node's local delivery: Prepares for the node's address are checked like a
 * forward (address under the base address, asset, amount), opened by the STREAM receiver
 * ({@code dev.ilpconnector.stream}, RFC 29), and fulfilled once the business logic accepts the
 * money. Payment sessions keep what payment-setup said about each payment.
 *
 * <p>Plain Java but for JSON-P (the metadata); no container API.
 */
package dev.ilpconnector.agent.stream;
