/**
 * Settlement: when what the node owes a peer passes the peer's settle threshold, a settlement
 * brings it back to settle-to (docs/accounting.md, "Balance policy and settlement").
 *
 * <p>{@link dev.ilpconnector.settlement.Settlements} watches fulfilled packets, records each
 * outgoing settlement's intent in the ledger as a pending transfer before anything leaves, and
 * hands the request to a {@link dev.ilpconnector.settlement.SettlementEngine}: the SPI a chain
 * adapter implements. {@link dev.ilpconnector.settlement.ManualSettlement} is the only engine
 * so far: an operator settles by hand and confirms through the admin API.
 *
 * <p>Plain Java: imports no {@code jakarta.*}, MicroProfile or web package.
 */
package dev.ilpconnector.settlement;
