package dev.ilpconnector.telemetry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's one {@link Telemetry}: hands each event to every attached observer (metrics, the
 * explorer ring). Attaching is rare, publishing is per packet: a copy-on-write list costs the
 * publisher no lock. An observer that throws loses that event only.
 */
public final class TelemetryHub implements Telemetry {

    private static final Logger LOG = Logger.getLogger(TelemetryHub.class.getName());

    private final List<Telemetry> observers = new CopyOnWriteArrayList<>();

    public void attach(Telemetry observer) {
        observers.add(observer);
    }

    public void detach(Telemetry observer) {
        observers.remove(observer);
    }

    @Override
    public void packet(PacketEvent event) {
        for (Telemetry o : observers) {
            try {
                o.packet(event);
            } catch (RuntimeException e) {
                failed(o, e);
            }
        }
    }

    @Override
    public void linkChanged(String peerId, boolean up) {
        each(o -> o.linkChanged(peerId, up));
    }

    @Override
    public void routesChanged(long epoch) {
        each(o -> o.routesChanged(epoch));
    }

    @Override
    public void balanceChanged(String peerId) {
        each(o -> o.balanceChanged(peerId));
    }

    @Override
    public void settlement(SettlementEvent event) {
        each(o -> o.settlement(event));
    }

    /** For the rare events; {@link #packet} loops itself so that no lambda is made per packet. */
    private void each(Consumer<Telemetry> call) {
        for (Telemetry o : observers) {
            try {
                call.accept(o);
            } catch (RuntimeException e) {
                failed(o, e);
            }
        }
    }

    private static void failed(Telemetry observer, RuntimeException e) {
        LOG.log(Level.WARNING, "telemetry.observer.failed observer="
                + observer.getClass().getName(), e);
    }
}
