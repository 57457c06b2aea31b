package dev.ilpconnector.config;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

/**
 * Which ledger the node keeps its balances in. No TigerBeetle addresses: the embedded ledger.
 *
 * @param tigerBeetleAddresses replica addresses ({@code host:port} or a port); empty: embedded
 * @param clusterId            TigerBeetle cluster id (u128)
 * @param callTimeout          bound of every TigerBeetle call; past it a packet is rejected T00
 * @param connectTimeout       how long start-up waits for the cluster's first answer
 */
public record LedgerConfig(List<String> tigerBeetleAddresses, BigInteger clusterId,
                           Duration callTimeout, Duration connectTimeout) {

    public LedgerConfig {
        tigerBeetleAddresses = List.copyOf(tigerBeetleAddresses);
    }

    public boolean tigerBeetle() {
        return !tigerBeetleAddresses.isEmpty();
    }
}
