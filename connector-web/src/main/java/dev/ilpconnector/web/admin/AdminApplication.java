package dev.ilpconnector.web.admin;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The admin API. Its classes are listed here rather than scanned so that the bearer filter
 * guards exactly these resources and no other JAX-RS application this WAR may carry.
 */
@ApplicationPath("/admin")
public class AdminApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(BearerTokenFilter.class, PeersResource.class, RoutesResource.class,
                PacketsResource.class, BalancesResource.class, PeerAccountResource.class,
                SettlementsResource.class, LedgerResource.class,
                TelemetryResource.class, ExplorerTicketsResource.class, ChannelsResource.class,
                SettlementOverviewResource.class);
    }
}
