/**
 * The {@link dev.ilpconnector.ledger.Ledger} on a TigerBeetle cluster
 * ({@code com.tigerbeetle:tigerbeetle-java}, the same release as the server): concurrent calls
 * batched into one request per round trip, every call bounded by a timeout, results mapped onto
 * the SPI's. See docs/accounting.md for the account model.
 *
 * <p>Plain Java: imports the ledger SPI and the TigerBeetle client, no {@code jakarta.*}.
 */
package dev.ilpconnector.ledger.tigerbeetle;
