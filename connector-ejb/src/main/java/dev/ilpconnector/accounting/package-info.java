/**
 * Maps the packet switch's two-phase holds onto the ledger (docs/ledger.md, "account model"):
 * one account per peer, one connector account per asset ledger, two pending transfers per
 * forwarded packet (one on each side of the hop).
 *
 * <p>Plain Java: imports no {@code jakarta.*}.
 */
package dev.ilpconnector.accounting;
