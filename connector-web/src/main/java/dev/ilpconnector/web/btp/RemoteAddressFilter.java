package dev.ilpconnector.web.btp;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;

/**
 * Jakarta WebSocket does not tell an endpoint where a connection comes from; the servlet
 * request of the handshake does. This filter holds the remote address on the handshake's
 * thread, the endpoint configurator copies it into the session's properties, and
 * {@link #of} reads it back ({@link HandshakeGuard#UNKNOWN_ADDRESS} when a container runs the
 * upgrade outside the filter chain: such sockets then share one bound).
 */
@WebFilter(urlPatterns = BtpServerEndpoint.PATH, asyncSupported = true)
public class RemoteAddressFilter implements Filter {

    /** The session property holding the remote address. */
    static final String KEY = RemoteAddressFilter.class.getName();
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        CURRENT.set(request.getRemoteAddr());
        try {
            chain.doFilter(request, response);
        } finally {
            CURRENT.remove();
        }
    }

    /** The address of the handshake running on this thread, or null. */
    static String current() {
        return CURRENT.get();
    }

    /** Where the session's handshake came from, as well as the container lets us know. */
    static String of(EndpointConfig config, Session session) {
        Object address = config.getUserProperties().get(KEY);
        if (address == null) {
            address = session.getUserProperties().get(KEY);
        }
        if (address == null) {
            address = current();
        }
        return address == null ? HandshakeGuard.UNKNOWN_ADDRESS : address.toString();
    }
}
