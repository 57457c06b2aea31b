package dev.ilpconnector.node;

import dev.ilpconnector.config.ConfigException;
import dev.ilpconnector.config.LedgerConfig;
import dev.ilpconnector.config.LedgerConfigLoader;
import dev.ilpconnector.ledger.EmbeddedLedger;
import dev.ilpconnector.ledger.Ledger;
import dev.ilpconnector.ledger.LedgerUnavailableException;
import dev.ilpconnector.ledger.tigerbeetle.TigerBeetleLedger;
import java.util.concurrent.Executor;

/** Opens the ledger the configuration selects: TigerBeetle when addresses are set. */
final class NodeLedgers {

    private NodeLedgers() {
    }

    /**
     * @param completions runs the continuations of a remote ledger's replies
     * @throws ConfigException naming {@code tigerbeetle.addresses} when the cluster is not
     *                         there or the client refuses the addresses
     */
    static Ledger open(LedgerConfig config, Executor completions) {
        if (!config.tigerBeetle()) {
            return new EmbeddedLedger();
        }
        try {
            return TigerBeetleLedger.connect(config.clusterId(), config.tigerBeetleAddresses(),
                    config.callTimeout(), config.connectTimeout(), completions);
        } catch (LedgerUnavailableException e) {
            throw new ConfigException(LedgerConfigLoader.TIGERBEETLE_ADDRESSES, "unreachable: "
                    + e.getMessage() + " (is the cluster up? is "
                    + LedgerConfigLoader.TIGERBEETLE_CLUSTER_ID + " its id?)");
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConfigException(LedgerConfigLoader.TIGERBEETLE_ADDRESSES,
                    "refused by the TigerBeetle client: " + e.getMessage());
        }
    }
}
