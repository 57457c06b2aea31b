package dev.ilpconnector.settlement.evm;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each peer's EVM account as its {@code evm_info} told us (over its authenticated BTP link).
 * Kept in memory: every link-up tells it again.
 */
public final class PeerAddresses {

    private final Map<String, String> byPeer = new ConcurrentHashMap<>();

    public Optional<String> address(String peerId) {
        return Optional.ofNullable(byPeer.get(peerId));
    }

    void learn(String peerId, String address) {
        byPeer.put(peerId, EvmAddress.parse(address));
    }
}
