package dev.ilpconnector.agent;

import dev.ilpconnector.agent.callback.BusinessLogicClient;
import dev.ilpconnector.agent.callback.RestTransport;
import dev.ilpconnector.agent.stream.AgentDelivery;
import dev.ilpconnector.agent.stream.PaymentSessions;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.config.AgentConfig;
import dev.ilpconnector.node.ConnectorNode;
import dev.ilpconnector.node.ExplorerNode;
import dev.ilpconnector.node.NodeAssembly;
import dev.ilpconnector.packetswitch.LocalDeliverySlot;
import dev.ilpconnector.stream.StreamReceiver;
import dev.ilpconnector.telemetry.StreamView;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

/**
 * The agent runtime of this node: built from the node's {@link AgentConfig} when the WAR starts,
 * attached to the node's local delivery then, and detached when the WAR stops (meanwhile the
 * node refuses its packets T00: they are expected, docs/agent.md). Holds the STREAM receiver,
 * the business-logic client and the payment sessions for the SPSP and health resources.
 */
@ApplicationScoped
public class AgentRuntime {

    private static final Logger LOG = Logger.getLogger(AgentRuntime.class.getName());
    /** Payments with metadata and STREAM connections kept at most (each for SESSION_TTL_MS). */
    static final int SESSIONS_MAX = 10_000;

    @Inject
    ConnectorNode node;

    /** Shows the agent's STREAM packets decrypted in the explorer. */
    @Inject
    ExplorerNode explorer;

    /**
     * Makes the threads of the business-logic calls: never a WebSocket thread. Container
     * threads get the application's context once when made, where a managed executor captures
     * and restores it around every task (a tenth of the agent's CPU per payment).
     */
    @Resource
    ManagedThreadFactory threadFactory;

    private final Clock clock = Clock.systemUTC();
    /** The plain-Java node: direct calls, no container proxy per packet. */
    private NodeAssembly assembly;
    private AgentConfig config;
    private LocalDeliverySlot slot;
    private StreamReceiver receiver;
    /**
     * Each call blocks one thread for its HTTP exchange; the business-logic client bounds the
     * calls in flight, hence the threads, and idle threads end after a minute.
     */
    private ExecutorService calls;
    private RestTransport transport;
    private BusinessLogicClient businessLogic;
    private PaymentSessions sessions;
    private AgentDelivery delivery;
    /** Set once the node's address is known and checked; it never changes afterwards. */
    private volatile AgentDelivery.Receiving receiving;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        assembly = node.assembly();
        config = assembly.agentConfig();
        if (!config.localDeliveryEnabled()) {
            LOG.info("agent=off reason=\"no business logic (BUSINESS_LOGIC_URL unset or"
                    + " LOCAL_DELIVERY_ENABLED=false)\"");
            return;
        }
        byte[] secret = config.secret().orElseGet(() -> {
            LOG.warning("agent.secret unset (AGENT_SECRET): a random secret for this start;"
                    + " SPSP connections do not survive a restart (openssl rand -hex 32)");
            byte[] random = new byte[AgentConfig.SECRET_BYTES];
            new SecureRandom().nextBytes(random);
            return random;
        });
        receiver = new StreamReceiver(secret, clock, SESSIONS_MAX, config.sessionTtl());
        calls = Executors.newCachedThreadPool(threadFactory);
        transport = new RestTransport(config.businessLogicUrl().orElseThrow(),
                config.businessLogicTimeout(), calls);
        businessLogic = new BusinessLogicClient(transport, config.businessLogicTimeout());
        sessions = new PaymentSessions(SESSIONS_MAX, config.sessionTtl(), clock);
        AgentConfig.Asset asset = config.asset().orElseThrow();
        delivery = new AgentDelivery(receiver, businessLogic, sessions, asset,
                config.localDeliveryTimeout(), this::receiving, clock);
        slot = assembly.localDelivery();
        slot.attach(delivery);
        explorer.attachStreamView(this::streamPackets);
        LOG.info("agent=on businessLogic=" + config.businessLogicUrl().get() + " baseAddress="
                + config.baseAddress().map(IlpAddress::value).orElse("(node address)")
                + " asset=" + asset.code() + "/" + asset.scale() + " spsp="
                + config.spspEnabled());
    }

    @PreDestroy
    void stop() {
        if (slot != null) {
            explorer.attachStreamView(null);
            slot.detach(delivery);
            LOG.info("agent=detached");
        }
        if (transport != null) {
            transport.close();
            calls.shutdownNow(); // a call still waiting fails: its packet gets T00
        }
    }

    /** The explorer's view of a logged packet for one of our connections; keys stay here. */
    private Optional<StreamView.Packets> streamPackets(IlpPrepare prepare, IlpResponse response) {
        AgentDelivery.Receiving at = receiving();
        if (!at.on()) {
            return Optional.empty();
        }
        return receiver.decrypt(prepare, response, at.baseAddress())
                .map(exchange -> new StreamView.Packets(exchange.request(), exchange.reply()));
    }

    /** Local delivery is on: this node pays a business logic. */
    public boolean on() {
        return delivery != null;
    }

    public AgentConfig config() {
        return config;
    }

    public StreamReceiver receiver() {
        return receiver;
    }

    public BusinessLogicClient businessLogic() {
        return businessLogic;
    }

    public PaymentSessions sessions() {
        return sessions;
    }

    /**
     * Where the agent receives: under {@code BASE_ADDRESS}, by default the node's address. Not
     * before the node has an address; never when a learned address does not contain
     * {@code BASE_ADDRESS} (the agent is off then: a SEVERE line says why, once).
     */
    public AgentDelivery.Receiving receiving() {
        AgentDelivery.Receiving known = receiving;
        if (known != null) {
            return known;
        }
        IlpAddress address = assembly.address();
        if (address == null) {
            return new AgentDelivery.Receiving(null, assembly.rejects(),
                    "node has no ILP address yet: " + assembly.notReadyReason());
        }
        IlpAddress base = config.baseAddress().orElse(address);
        String problem = AgentConfig.baseAddressProblem(base, address, assembly.peers().all());
        AgentDelivery.Receiving checked = problem == null
                ? new AgentDelivery.Receiving(base, assembly.rejects(), null)
                : new AgentDelivery.Receiving(null, assembly.rejects(), "agent off: "
                        + AgentConfig.BASE_ADDRESS + " " + problem);
        synchronized (this) {
            if (receiving == null) {
                receiving = checked;
                if (problem != null) {
                    LOG.severe("agent=off config error: " + AgentConfig.BASE_ADDRESS + " "
                            + problem + " (address learned from the parent)");
                }
            }
        }
        return receiving;
    }
}
