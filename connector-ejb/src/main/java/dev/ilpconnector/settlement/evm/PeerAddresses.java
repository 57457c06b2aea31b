package dev.ilpconnector.settlement.evm;

import java.util.Optional;

/**
 * Each peer's EVM account as its {@code evm_info} told us (over its authenticated BTP link),
 * kept in the {@link ChannelStore}: after a restart we can open a channel to the peer, or accept
 * its channel, before its link is up again. A later {@code evm_info} replaces it.
 */
public final class PeerAddresses {

    private final ChannelStore store;

    public PeerAddresses(ChannelStore store) {
        this.store = store;
    }

    public Optional<String> address(String peerId) {
        return store.peerAddress(peerId);
    }

    void learn(String peerId, String address) {
        store.recordPeerAddress(peerId, EvmAddress.parse(address));
    }
}
