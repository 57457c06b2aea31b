/**
 * Accounting: a double-entry ledger SPI with TigerBeetle's semantics and its embedded,
 * in-process implementation, durable through an append-only journal ({@code Journal},
 * {@code JournalFormat}, {@code JournalReader}; see {@code docs/accounting.md}).
 *
 * <p>Model (see {@code docs/ledger.md}): accounts live on a ledger (one ledger number per
 * asset); every transfer debits one account and credits another of the same ledger by an
 * unsigned 64-bit amount. Transfers are single-phase (posted at once) or two-phase: created
 * pending with a timeout, then posted or voided by the pending transfer's id. Creates are
 * idempotent by transfer id ({@link dev.ilpconnector.ledger.TransferResult#EXISTS}). An
 * account's signed minimum balance bounds how far its available balance
 * (credits posted - debits posted - debits pending) may fall.
 *
 * <p>Used by the packet switch for the RFC 27 forwarding flow (pending transfer when a Prepare
 * is forwarded, post on a valid Fulfill, void on Reject or expiry) and later by settlement.
 *
 * <p>Plain Java: must not import {@code jakarta.*}, MicroProfile, the codec packages or any
 * web/adapter package, so it unit-tests without a server and a TigerBeetle-backed
 * implementation can replace {@link dev.ilpconnector.ledger.EmbeddedLedger} behind the same
 * {@link dev.ilpconnector.ledger.Ledger} interface.
 */
package dev.ilpconnector.ledger;
