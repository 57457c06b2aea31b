package dev.ilpconnector.telemetry;

import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the explorer hears of the node: an observer whose every method only puts the event in
 * a bounded {@link EventRing} (or marks a peer's balance changed), and a pump, run on one
 * scheduler thread, that takes events out into the {@link PacketLog} and the feed's clients.
 * The packet path's cost is one compare-and-set; everything else happens on the pump.
 */
public final class Explorer implements Telemetry {

    private static final Logger LOG = Logger.getLogger(Explorer.class.getName());
    private static final long SECOND_NANOS = 1_000_000_000L;
    /** Balance messages go out at most this often: a busy peer's changes become one. */
    static final long BALANCE_PERIOD_NANOS = 250_000_000L;

    private record LinkChange(String peerId, boolean up) {
    }

    private record RoutesChange(long epoch) {
    }

    private final EventRing<Object> ring;
    /** Peers whose balance changed since the pump last looked: many changes, one message. */
    private final Set<String> balances = ConcurrentHashMap.newKeySet();
    private final PacketLog log;
    private final FeedClients clients = new FeedClients();
    private final FeedTickets tickets;
    private final Function<String, Asset> assets;
    private final LongSupplier nanoTime;
    /** Pump thread only. */
    private long secondStartedNanos;
    private long packetsThisSecond;
    private long balancesDueNanos;

    /**
     * @param assets   a peer's asset for the log, null for an unknown peer
     * @param nanoTime the monotonic clock that paces the 1/s totals
     */
    public Explorer(int ringCapacity, PacketLog log, FeedTickets tickets,
                    Function<String, Asset> assets, LongSupplier nanoTime) {
        this.ring = new EventRing<>(ringCapacity);
        this.log = log;
        this.tickets = tickets;
        this.assets = assets;
        this.nanoTime = nanoTime;
        this.secondStartedNanos = nanoTime.getAsLong();
        this.balancesDueNanos = secondStartedNanos;
    }

    @Override
    public void packet(PacketEvent event) {
        ring.publish(event);
    }

    @Override
    public void linkChanged(String peerId, boolean up) {
        ring.publish(new LinkChange(peerId, up));
    }

    @Override
    public void routesChanged(long epoch) {
        ring.publish(new RoutesChange(epoch));
    }

    @Override
    public void balanceChanged(String peerId) {
        balances.add(peerId);
    }

    @Override
    public void settlement(SettlementEvent event) {
        ring.publish(event);
    }

    /**
     * Moves what is in the ring to the log and the clients, then the balance changes, then,
     * once a second, each client's totals. One thread at a time (a fixed-delay task).
     */
    public void pump() {
        // At most one ring's worth per run, so that a flood cannot starve the totals.
        for (int n = ring.capacity(); n > 0; n--) {
            Object event = ring.poll();
            if (event == null) {
                break;
            }
            try {
                dispatch(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "explorer.pump.failed event="
                        + event.getClass().getSimpleName(), e);
            }
        }
        long now = nanoTime.getAsLong();
        if (now - balancesDueNanos >= 0 && !balances.isEmpty()) {
            for (Iterator<String> it = balances.iterator(); it.hasNext(); ) {
                String peer = it.next();
                it.remove();
                broadcast(TelemetryJson.balance(peer));
            }
            balancesDueNanos = now + BALANCE_PERIOD_NANOS;
        }
        if (now - secondStartedNanos >= SECOND_NANOS) {
            long perSecond = packetsThisSecond;
            long dropped = dropped();
            for (FeedClient c : clients.all()) {
                c.offer(TelemetryJson.totals(perSecond, c.newSecond(), dropped));
            }
            packetsThisSecond = 0;
            secondStartedNanos = now;
        }
    }

    private void dispatch(Object event) {
        if (event instanceof PacketEvent p) {
            LoggedPacket logged = LoggedPacket.of(p, assets.apply(p.sourcePeer()));
            log.add(logged);
            packetsThisSecond++;
            if (logged.fulfilled()) {
                // The money moved: both sides' balances changed (coalesced with the rest).
                balances.add(p.sourcePeer());
                if (p.nextHop() != null) {
                    balances.add(p.nextHop());
                }
            }
            String json = null;
            for (FeedClient c : clients.all()) {
                if (c.takesPacket()) {
                    if (json == null) {
                        json = TelemetryJson.feedPacket(logged);
                    }
                    c.offer(json);
                }
            }
        } else if (event instanceof LinkChange l) {
            broadcast(TelemetryJson.link(l.peerId(), l.up()));
        } else if (event instanceof RoutesChange r) {
            broadcast(TelemetryJson.routes(r.epoch()));
        } else if (event instanceof SettlementEvent s) {
            broadcast(TelemetryJson.settlement(s));
        }
    }

    private void broadcast(String json) {
        for (FeedClient c : clients.all()) {
            c.offer(json);
        }
    }

    public PacketLog log() {
        return log;
    }

    public FeedClients clients() {
        return clients;
    }

    public FeedTickets tickets() {
        return tickets;
    }

    public int ringCapacity() {
        return ring.capacity();
    }

    public int ringSize() {
        return ring.size();
    }

    /** Events lost: to a full ring, and messages lost to a client's full queue. */
    public long dropped() {
        return ringDropped() + feedDropped();
    }

    /** Events the ring had no room for: the pump fell behind the packet path. */
    public long ringDropped() {
        return ring.dropped();
    }

    /** Feed messages lost to full client queues: browsers that read too slowly. */
    public long feedDropped() {
        return clients.dropped();
    }
}
