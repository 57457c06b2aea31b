package dev.ilpconnector.web.btp;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.Endpoint;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;

/**
 * Registers the programmatic {@code /btp} endpoint (the container finds this class by
 * scanning the WAR). Annotated endpoints of the WAR, if any, stay deployed as scanned.
 */
public final class BtpEndpointConfig implements ServerApplicationConfig {

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(
            Set<Class<? extends Endpoint>> scanned) {
        return Set.of(ServerEndpointConfig.Builder
                .create(BtpServerEndpoint.class, BtpServerEndpoint.PATH)
                .configurator(new Instances())
                .build());
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return scanned;
    }

    /** One endpoint per connection, bound to the runtime once, at the handshake. */
    private static final class Instances extends ServerEndpointConfig.Configurator {

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            if (endpointClass != BtpServerEndpoint.class) {
                throw new IllegalArgumentException("not ours: " + endpointClass);
            }
            BtpRuntime runtime = CDI.current().select(BtpRuntime.class).get();
            return endpointClass.cast(new BtpServerEndpoint(runtime));
        }

        /** The handshake's remote address, for the per-address bound (RemoteAddressFilter). */
        @Override
        public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request,
                                    HandshakeResponse response) {
            String address = RemoteAddressFilter.current();
            if (address != null) {
                config.getUserProperties().put(RemoteAddressFilter.KEY, address);
            }
        }
    }
}
