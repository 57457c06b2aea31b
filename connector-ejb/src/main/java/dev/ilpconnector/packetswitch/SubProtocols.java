package dev.ilpconnector.packetswitch;

import dev.ilpconnector.codec.btp.BtpProtocolData;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The BTP sub-protocols this node speaks beyond {@code ilp} and {@code auth}, by protocol name.
 * Shared by every link; engines register at start-up and may deregister at shutdown.
 */
public final class SubProtocols {

    private final Map<String, SubProtocolHandler> handlers = new ConcurrentHashMap<>();

    /**
     * @throws IllegalStateException when {@code name} has a handler already, or is reserved
     */
    public void register(String name, SubProtocolHandler handler) {
        Objects.requireNonNull(handler, "handler");
        if (BtpProtocolData.ILP.equals(name) || name.startsWith(BtpProtocolData.AUTH)) {
            throw new IllegalStateException("sub-protocol " + name + " is the link's own");
        }
        if (handlers.putIfAbsent(name, handler) != null) {
            throw new IllegalStateException("sub-protocol " + name + " has a handler already");
        }
    }

    public void deregister(String name, SubProtocolHandler handler) {
        handlers.remove(name, handler);
    }

    /** The handler of the first entry whose protocol has one, or null when none has. */
    public SubProtocolHandler handlerFor(List<BtpProtocolData> data) {
        for (BtpProtocolData entry : data) {
            SubProtocolHandler handler = handlers.get(entry.protocolName());
            if (handler != null) {
                return handler;
            }
        }
        return null;
    }
}
