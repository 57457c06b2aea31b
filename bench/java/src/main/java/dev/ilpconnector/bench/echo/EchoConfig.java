package dev.ilpconnector.bench.echo;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;

/**
 * Deploys {@link EchoEndpoint} at {@code /echo} and {@link AsyncEchoEndpoint} at
 * {@code /echo-async} (programmatic, like the node's /btp).
 */
public final class EchoConfig implements ServerApplicationConfig {

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
        return Set.of(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build(),
                ServerEndpointConfig.Builder.create(AsyncEchoEndpoint.class, "/echo-async")
                        .build());
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return Set.of();
    }
}
