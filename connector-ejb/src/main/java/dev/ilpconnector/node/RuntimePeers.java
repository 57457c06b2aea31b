package dev.ilpconnector.node;

import dev.ilpconnector.accounting.LedgerAccounting;
import dev.ilpconnector.accounting.SettlementLedger;
import dev.ilpconnector.ccp.PeerRouting;
import dev.ilpconnector.ccp.RouteBroadcaster;
import dev.ilpconnector.config.ConfigException;
import dev.ilpconnector.config.NodeConfigLoader;
import dev.ilpconnector.config.PeerFields;
import dev.ilpconnector.config.PeerOverlay;
import dev.ilpconnector.config.SettlementConfigLoader;
import dev.ilpconnector.ledger.AccountBalance;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.PeerDirectory;
import dev.ilpconnector.peer.PeerStore;
import dev.ilpconnector.settlement.SettlementPolicy;
import dev.ilpconnector.settlement.Settlements;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Adds, changes and removes peers while the node runs (the admin API). A change is checked by
 * the same loaders as the config, its ledger accounts are made, it is saved to the
 * {@link PeerStore}, and only then do accounting, settlement, route exchange and the
 * {@link PeerDirectory} (and through it links and authentication) take it up. One change at
 * a time.
 */
public final class RuntimePeers {

    private static final Logger LOG = Logger.getLogger(RuntimePeers.class.getName());
    private static final long BALANCE_TIMEOUT_MS = 5_000;

    private final PeerDirectory directory;
    private final LedgerAccounting accounting;
    private final SettlementLedger settlementLedger;
    private final Settlements settlements;
    private final RouteBroadcaster broadcaster;
    private final Runnable configuredRoutesChanged;
    private final PeerStore store;
    private final Function<String, Optional<String>> config;
    private final Set<String> configured;
    private PeerStore.Changes changes;

    /**
     * @param config                  the node's config without the run-time changes
     * @param configuredRoutesChanged recomputes the static routes from the directory
     */
    RuntimePeers(PeerDirectory directory, LedgerAccounting accounting,
                 SettlementLedger settlementLedger, Settlements settlements,
                 RouteBroadcaster broadcaster, Runnable configuredRoutesChanged, PeerStore store,
                 PeerStore.Changes changes, Function<String, Optional<String>> config) {
        this.directory = directory;
        this.accounting = accounting;
        this.settlementLedger = settlementLedger;
        this.settlements = settlements;
        this.broadcaster = broadcaster;
        this.configuredRoutesChanged = configuredRoutesChanged;
        this.store = store;
        this.changes = changes;
        this.config = config;
        this.configured = Set.copyOf(PeerOverlay.ids(config, PeerStore.Changes.NONE));
    }

    /** Whether changes survive a restart (the node has a ledger directory). */
    public boolean durable() {
        return store.durable();
    }

    /**
     * Adds ({@code create}) or replaces the peer {@code id} with the API {@code fields}.
     *
     * @throws PeerChangeException 400 bad field, 404 unknown (replace), 409 exists (add) or
     *                             asset changed, 503 ledger or disk trouble
     */
    public synchronized PeerConfig put(String id, Map<String, String> fields, boolean create)
            throws PeerChangeException {
        PeerConfig before = directory.get(id);
        if (create && before != null) {
            throw new PeerChangeException(409, null, "peer " + id + " exists; PUT changes it");
        }
        if (!create && before == null) {
            throw new PeerChangeException(404, null, "no peer " + id);
        }
        Map<String, String> keys;
        try {
            keys = PeerFields.toKeys(fields);
        } catch (IllegalArgumentException e) {
            throw new PeerChangeException(400, null, e.getMessage());
        }
        Map<String, Map<String, String>> stored = new LinkedHashMap<>(changes.peers());
        stored.put(id, keys);
        Set<String> removed = new HashSet<>(changes.removed());
        removed.remove(id);
        PeerStore.Changes next = new PeerStore.Changes(stored, removed);
        Function<String, Optional<String>> lookup = PeerOverlay.over(config, next);
        PeerConfig peer;
        PeerRouting routing;
        SettlementPolicy policy;
        try {
            peer = NodeConfigLoader.peer(lookup, id);
            routing = NodeConfigLoader.routing(lookup, peer);
            policy = SettlementConfigLoader.load(lookup, List.of(peer)).get(id);
        } catch (ConfigException e) {
            String field = PeerFields.fieldOf(id, e.key()).orElse(null);
            throw new PeerChangeException(400, field, e.getMessage());
        }
        if (before != null && (!before.assetCode().equals(peer.assetCode())
                || before.assetScale() != peer.assetScale())) {
            throw new PeerChangeException(409, "assetCode", "peer " + id + " keeps its asset "
                    + before.assetCode() + "/" + before.assetScale() + " (its accounts are in"
                    + " it); remove it at a zero balance and add it again");
        }
        try {
            accounting.putPeer(peer);
            settlementLedger.putPeer(peer);
        } catch (IllegalStateException e) {
            throw new PeerChangeException(503, null, "ledger: " + e.getMessage());
        }
        save(next);
        settlements.putPeer(peer, policy);
        broadcaster.putPeer(peer, routing);
        if (before == null) {
            directory.add(peer);
        } else {
            directory.replace(peer);
        }
        configuredRoutesChanged.run();
        LOG.info("event=peer_" + (before == null ? "added" : "changed") + " " + peer);
        return peer;
    }

    /**
     * Removes the peer once it owes and is owed nothing and has nothing in flight.
     *
     * @throws PeerChangeException 404 unknown, 409 balance or packets or settlement in
     *                             flight, 503 ledger or disk trouble
     */
    public synchronized void remove(String id) throws PeerChangeException {
        PeerConfig peer = directory.get(id);
        if (peer == null) {
            throw new PeerChangeException(404, null, "no peer " + id);
        }
        AccountBalance balance = balance(peer);
        if (balance.netPosted().signum() != 0) {
            throw new PeerChangeException(409, null, "peer " + id + " has a balance of "
                    + balance.netPosted() + "; settle it to zero first");
        }
        if (balance.debitsPending().signum() != 0 || balance.creditsPending().signum() != 0) {
            throw new PeerChangeException(409, null, "peer " + id + " has packets in flight ("
                    + balance.debitsPending().add(balance.creditsPending()) + " held)");
        }
        if (settlements.settling(id)) {
            throw new PeerChangeException(409, null, "a settlement with peer " + id
                    + " is in flight");
        }
        Map<String, Map<String, String>> stored = new HashMap<>(changes.peers());
        stored.remove(id);
        Set<String> removed = new HashSet<>(changes.removed());
        if (configured.contains(id)) {
            removed.add(id);
        }
        save(new PeerStore.Changes(stored, removed));
        directory.remove(id);
        broadcaster.removePeer(id);
        settlements.removePeer(id);
        accounting.removePeer(id);
        configuredRoutesChanged.run();
        LOG.info("event=peer_removed peer=" + id);
    }

    private AccountBalance balance(PeerConfig peer) throws PeerChangeException {
        try {
            return accounting.balance(peer).toCompletableFuture()
                    .get(BALANCE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .orElse(new AccountBalance(BigInteger.ZERO, BigInteger.ZERO,
                            BigInteger.ZERO, BigInteger.ZERO));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerChangeException(503, null, "interrupted");
        } catch (Exception e) {
            throw new PeerChangeException(503, null, "ledger did not answer: " + e);
        }
    }

    private void save(PeerStore.Changes next) throws PeerChangeException {
        try {
            store.save(next);
        } catch (UncheckedIOException e) {
            throw new PeerChangeException(503, null, "peer store: " + e.getMessage());
        }
        changes = next;
    }
}
