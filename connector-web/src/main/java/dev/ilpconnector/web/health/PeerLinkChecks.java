package dev.ilpconnector.web.health;

import dev.ilpconnector.config.ConfigException;
import dev.ilpconnector.config.NodeConfig;
import dev.ilpconnector.config.NodeConfigLoader;
import dev.ilpconnector.peer.PeerConfig;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

/**
 * Registers one {@link PeerLinkCheck} per configured outgoing link. Health checks are CDI beans
 * fixed when the application deploys, and the peers are known from the config by then.
 */
public class PeerLinkChecks implements Extension {

    void addChecks(@Observes AfterBeanDiscovery discovery) {
        Config config = ConfigProvider.getConfig();
        NodeConfig node;
        try {
            node = NodeConfigLoader.load(key -> config.getOptionalValue(key, String.class));
        } catch (ConfigException e) {
            // ConnectorNode reports it and keeps the node unready; no link checks meanwhile.
            return;
        }
        for (PeerConfig peer : node.peers()) {
            peer.btpUrl().ifPresent(dialled -> discovery.<PeerLinkCheck>addBean()
                    .beanClass(PeerLinkCheck.class)
                    .types(HealthCheck.class)
                    .qualifiers(Readiness.Literal.INSTANCE)
                    .scope(Dependent.class)
                    .name(PeerLinkCheck.NAME_PREFIX + peer.id())
                    .createWith(context -> new PeerLinkCheck(peer.id(),
                            PeerLinkCheck::currentNode)));
        }
    }
}
