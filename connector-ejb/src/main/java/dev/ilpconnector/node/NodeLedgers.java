package dev.ilpconnector.node;

import dev.ilpconnector.config.ConfigException;
import dev.ilpconnector.config.LedgerConfig;
import dev.ilpconnector.config.TigerBeetleConfig;
import dev.ilpconnector.ledger.EmbeddedLedger;
import dev.ilpconnector.ledger.JournalCorruptException;
import dev.ilpconnector.ledger.Ledger;
import dev.ilpconnector.ledger.LedgerUnavailableException;
import dev.ilpconnector.ledger.tigerbeetle.TigerBeetleLedger;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Logger;

/**
 * Opens the ledger the configuration selects: the TigerBeetle cluster when its addresses are
 * set, else the embedded ledger, journaled in {@code ledger.dir} unless that is {@code none}.
 */
final class NodeLedgers {

    private static final Logger LOG = Logger.getLogger(NodeLedgers.class.getName());

    private NodeLedgers() {
    }

    /**
     * @param threads     gives the embedded ledger's journal its writer thread
     * @param completions runs the continuations of TigerBeetle's replies
     * @throws ConfigException naming {@code tigerbeetle.addresses} when the cluster is not
     *                         there or the client refuses the addresses
     */
    static Ledger open(TigerBeetleConfig tigerBeetle, LedgerConfig embedded,
                       ThreadFactory threads, Executor completions) {
        return tigerBeetle.enabled() ? openTigerBeetle(tigerBeetle, completions)
                : openEmbedded(embedded, threads);
    }

    private static Ledger openTigerBeetle(TigerBeetleConfig config, Executor completions) {
        try {
            return TigerBeetleLedger.connect(config.clusterId(), config.addresses(),
                    config.callTimeout(), config.connectTimeout(), completions);
        } catch (LedgerUnavailableException e) {
            throw new ConfigException(TigerBeetleConfig.ADDRESSES, "unreachable: "
                    + e.getMessage() + " (is the cluster up? is " + TigerBeetleConfig.CLUSTER_ID
                    + " its id?)");
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConfigException(TigerBeetleConfig.ADDRESSES,
                    "refused by the TigerBeetle client: " + e.getMessage());
        }
    }

    private static EmbeddedLedger openEmbedded(LedgerConfig ledgerConfig, ThreadFactory threads) {
        if (!ledgerConfig.durable()) {
            LOG.warning("ledger=embedded durable=false (LEDGER_DIR=none): balances live in memory"
                    + " only and are LOST on restart; do not run a node for money like this");
            return new EmbeddedLedger();
        }
        try {
            EmbeddedLedger opened = EmbeddedLedger.open(ledgerConfig.dir().get(), threads);
            LOG.info("ledger=embedded durable=true " + opened.status().detail());
            return opened;
        } catch (JournalCorruptException e) {
            LOG.severe(e.getMessage()); // one line; the node must not start on wrong balances
            throw e;
        } catch (IOException | RuntimeException e) {
            String line = "ledger directory " + ledgerConfig.dir().get() + " unusable: " + e;
            LOG.severe(line);
            throw new IllegalStateException(line, e);
        }
    }
}
