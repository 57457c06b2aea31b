package dev.ilpconnector.config;

import dev.ilpconnector.ccp.CcpSettings;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.packetswitch.SwitchSettings;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.Relation;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated node configuration.
 *
 * @param nodeId           a name for logs, metrics and the explorer
 * @param address          this node's ILP address; absent when it is to be learned from the
 *                         first parent by IL-DCP (then a parent is configured)
 * @param minMessageWindow time budget per hop (see {@link SwitchSettings})
 * @param maxHoldTime      the longest a packet is held (see {@link SwitchSettings})
 * @param peers            the configured peers, in configuration order
 * @param ccp              route exchange (CCP) settings
 */
public record NodeConfig(String nodeId, Optional<IlpAddress> address, Duration minMessageWindow,
                         Duration maxHoldTime, List<PeerConfig> peers, CcpSettings ccp) {

    public NodeConfig {
        Objects.requireNonNull(address, "address");
        peers = List.copyOf(peers);
        if (address.isEmpty() && peers.stream().noneMatch(p -> p.relation() == Relation.PARENT)) {
            throw new IllegalArgumentException("no address and no parent to learn it from");
        }
    }

    /** The first parent in configuration order: the default route, and our address's source. */
    public Optional<PeerConfig> parent() {
        return peers.stream().filter(p -> p.relation() == Relation.PARENT).findFirst();
    }

    /** The switch settings once the node's address is known. */
    public SwitchSettings settings(IlpAddress self) {
        return new SwitchSettings(self, minMessageWindow, maxHoldTime);
    }
}
