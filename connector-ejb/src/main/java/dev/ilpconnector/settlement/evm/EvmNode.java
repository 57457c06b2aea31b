package dev.ilpconnector.settlement.evm;

import dev.ilpconnector.config.EvmSettlementConfig;
import dev.ilpconnector.packetswitch.LinkRegistry;
import dev.ilpconnector.packetswitch.SubProtocols;
import dev.ilpconnector.peer.PeerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The EVM engine's parts, built once at start-up: the JSON-RPC client, the channel store, the
 * outgoing engine, the incoming handlers and the close watcher.
 */
public final class EvmNode implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EvmNode.class.getName());

    private final EvmSettlementConfig config;
    private final EvmRpc rpc;
    private final ChannelStore store;
    private final TokenNetworkClient client;
    private final EvmSettlement engine;
    private final EvmIncoming incoming;
    private final ChannelWatcher watcher;
    private final EvmChannels channels;
    private final ScheduledExecutorService executor;

    private EvmNode(EvmSettlementConfig config, EvmRpc rpc, ChannelStore store,
                    TokenNetworkClient client, EvmSettlement engine, EvmIncoming incoming,
                    ChannelWatcher watcher, EvmChannels channels,
                    ScheduledExecutorService executor) {
        this.config = config;
        this.rpc = rpc;
        this.store = store;
        this.client = client;
        this.engine = engine;
        this.incoming = incoming;
        this.watcher = watcher;
        this.channels = channels;
        this.executor = executor;
    }

    /**
     * @param tokenNetwork the token's network, as the registry named it at start-up
     * @param decimals     the token's decimals
     */
    public static EvmNode open(EvmSettlementConfig config, EvmRpc rpc, String tokenNetwork,
                               int decimals, Path dir, LinkRegistry links,
                               Function<String, Optional<PeerConfig>> peers,
                               ScheduledExecutorService executor, Set<String> evmPeers)
            throws IOException {
        ChannelStore store = ChannelStore.open(dir);
        TokenNetworkClient client = new TokenNetworkClient(rpc, config.key(), tokenNetwork,
                config.token(), store, config.rpcTimeout().multipliedBy(6));
        PeerAddresses addresses = new PeerAddresses(store);
        EvmSettlement engine = new EvmSettlement(config, client, store, decimals, links, peers,
                executor, addresses, evmPeers);
        EvmIncoming incoming = new EvmIncoming(config, client, store, decimals, peers, executor,
                addresses, evmPeers);
        ChannelWatcher watcher = new ChannelWatcher(client, store, executor,
                Duration.ofMillis(ChannelWatcher.INTERVAL_MS));
        links.addListener(engine);
        LOG.info("event=evm_settlement chain=" + config.chainId() + " tokenNetwork="
                + tokenNetwork + " account=" + config.key().address() + " decimals=" + decimals);
        EvmChannels channels = new EvmChannels(client, store,
                new ClaimDomain(config.chainId(), tokenNetwork), config.key(), links);
        return new EvmNode(config, rpc, store, client, engine, incoming, watcher, channels,
                executor);
    }

    /** Registers the sub-protocols, sets where claims are credited, starts the watcher. */
    public void start(SubProtocols protocols, EvmIncoming.Credits credits) {
        incoming.creditTo(credits);
        incoming.register(protocols);
        watcher.start();
    }

    public EvmSettlement engine() {
        return engine;
    }

    public ChannelStore store() {
        return store;
    }

    public TokenNetworkClient client() {
        return client;
    }

    public EvmSettlementConfig config() {
        return config;
    }

    /** The operator's view of and actions on the channels (admin API). */
    public EvmChannels channels() {
        return channels;
    }

    /** A chain task the admin API waits for: runs it on the settlement executor, bounded. */
    public <T> T await(Callable<T> task, Duration timeout) throws Exception {
        Future<T> future = executor.submit(task);
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IOException("the chain did not answer within " + timeout, e);
        }
    }

    public ChannelWatcher watcher() {
        return watcher;
    }

    @Override
    public void close() {
        watcher.stop();
        rpc.close();
        try {
            store.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "event=evm_store_close_failed", e);
        }
    }
}
