package dev.ilpconnector.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which settlement engine pays each peer, and what the engines need.
 *
 * @param byPeer per peer id: its engine
 * @param evm    the EVM engine's settings; empty when no peer settles on EVM
 * @param dir    {@code SETTLEMENT_DIR}: the engines' durable answers and channel store; empty
 *               when kept in memory (only with the ledger in memory, and never for EVM)
 */
public record SettlementChoice(Map<String, Engine> byPeer, Optional<EvmSettlementConfig> evm,
                               Optional<Path> dir) {

    /** The engines this node has. */
    public enum Engine { MANUAL, EVM }

    public SettlementChoice {
        byPeer = Map.copyOf(byPeer);
    }

    public Engine engineOf(String peerId) {
        return byPeer.getOrDefault(peerId, Engine.MANUAL);
    }
}
