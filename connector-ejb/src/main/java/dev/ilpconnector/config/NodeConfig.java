package dev.ilpconnector.config;

import dev.ilpconnector.ccp.CcpSettings;
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
 * @param ccp      route exchange (CCP) settings
 */
public record NodeConfig(String nodeId, SwitchSettings settings, List<PeerConfig> peers,
                         CcpSettings ccp) {

    public NodeConfig {
        peers = List.copyOf(peers);
    }

    public IlpAddress address() {
        return settings.address();
    }
}
