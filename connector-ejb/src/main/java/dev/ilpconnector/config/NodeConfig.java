package dev.ilpconnector.config;

import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.packetswitch.SwitchSettings;
import dev.ilpconnector.peer.PeerConfig;
import java.util.List;

/**
 * The validated node configuration.
 *
 * @param nodeId   a name for logs, metrics and the explorer
 * @param settings address and time budget of the packet switch
 * @param peers    the configured peers, in configuration order
 */
public record NodeConfig(String nodeId, SwitchSettings settings, List<PeerConfig> peers) {

    public NodeConfig {
        peers = List.copyOf(peers);
    }

    public IlpAddress address() {
        return settings.address();
    }
}
