package dev.ilpconnector.web.btp;

import dev.ilpconnector.packetswitch.LinkRegistry;
import dev.ilpconnector.packetswitch.Rejects;
import dev.ilpconnector.packetswitch.SubProtocols;
import java.util.Objects;

/**
 * What every BTP session of the node shares.
 *
 * @param prepareHandler where incoming Prepares go (the packet switch)
 * @param authenticator  checks the auth message of incoming sessions
 * @param links          where an authenticated session registers itself as the peer's link
 * @param rejects        builds the rejects this layer originates (F01, T03), triggered by us
 * @param subProtocols   handlers of the sub-protocols spoken besides ilp (settlement claims)
 */
public record BtpServices(PrepareHandler prepareHandler, PeerAuthenticator authenticator,
                          LinkRegistry links, Rejects rejects, SubProtocols subProtocols) {

    public BtpServices {
        Objects.requireNonNull(prepareHandler, "prepareHandler");
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(rejects, "rejects");
        Objects.requireNonNull(subProtocols, "subProtocols");
    }
}
