package dev.ilpconnector.web.btp;

import dev.ilpconnector.node.ConnectorNode;
import dev.ilpconnector.node.NodeAssembly;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The container side of the BTP sessions: the node's services for them, the managed
 * scheduler for auth deadlines, pings and reconnects (never a WebSocket thread), and the managed
 * threads that write each session's frames.
 */
@ApplicationScoped
public class BtpRuntime {

    @Inject
    ConnectorNode node;

    /**
     * The platform's default managed scheduler
     * ({@code java:comp/DefaultManagedScheduledExecutorService}): every Jakarta EE server has
     * it, so the EAR deploys on Liberty and Payara alike.
     */
    @Resource
    ManagedScheduledExecutorService scheduler;

    /** The platform's default managed thread factory: each session's frame writer. */
    @Resource
    ManagedThreadFactory threads;

    private volatile BtpServices services;
    /** Unauthenticated sockets per remote address, over all of /btp. */
    private final HandshakeGuard handshakes = new HandshakeGuard();

    /** Links may connect: the node is configured (it may still wait for its address). */
    public boolean started() {
        return node.started();
    }

    /**
     * The node's services for a new session. Kept once the node is ready; a session opened
     * while the node still waits for its address (the parent's link, which brings it) signs
     * the rejects of the BTP layer with an empty address, and its Prepares reach the switch as
     * soon as there is one.
     */
    public BtpServices services() {
        BtpServices built = services;
        if (built == null) {
            if (!node.started()) {
                throw new IllegalStateException("node not started");
            }
            // The plain node, not the bean: every Prepare and auth then costs a direct call.
            NodeAssembly assembly = node.assembly();
            boolean ready = assembly.ready();
            built = new BtpServices(assembly::handle, new PeerAuthenticator(assembly::peers),
                    assembly.links(), assembly.rejects(), assembly.subProtocols());
            if (ready) {
                services = built;
            }
        }
        return built;
    }

    public ManagedThreadFactory threads() {
        return threads;
    }

    /** Short tasks off the WebSocket threads (closes). */
    public Executor tasks() {
        return scheduler;
    }

    public HandshakeGuard handshakes() {
        return handshakes;
    }

    public ScheduledFuture<?> schedule(Runnable task, long delayMs) {
        return scheduler.schedule(task, delayMs, TimeUnit.MILLISECONDS);
    }

    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long delayMs) {
        return scheduler.scheduleWithFixedDelay(task, delayMs, delayMs, TimeUnit.MILLISECONDS);
    }

    /** Closes the session unless it authenticated within {@link BtpLimits#AUTH_TIMEOUT_MS}. */
    public void scheduleAuthDeadline(BtpSession session) {
        AuthDeadline.arm(session, scheduler);
    }
}
