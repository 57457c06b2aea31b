package dev.ilpconnector.web.btp;

import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.PeerDirectory;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * BTP auth (RFC 23 §Authentication) against the configured peers: which peer, if any, an
 * {@code auth_username} / {@code auth_token} pair names.
 *
 * <p>RFC 23 allows an empty username, and ilp-plugin-btp clients send one when their URL reads
 * {@code btp+ws://:token@host}. Then the token alone must name the peer: it is compared with the
 * incoming token of every peer that has one (constant time per peer, and always all of them,
 * so the time taken does not say which peer matched), and exactly one peer must match.
 */
public final class PeerAuthenticator {

    private final Supplier<PeerDirectory> directory;

    /** @param directory the current peers (a supplier: it may be replaced at run time) */
    public PeerAuthenticator(Supplier<PeerDirectory> directory) {
        this.directory = directory;
    }

    /** The authenticated peer's id, or empty when the pair names no peer (or more than one). */
    public Optional<String> authenticate(String username, String token) {
        PeerDirectory peers = directory.get();
        if (!username.isEmpty()) {
            return peers.authenticate(username, token).map(PeerConfig::id);
        }
        String match = null;
        int matches = 0;
        for (PeerConfig peer : peers.all()) {
            if (peer.incomingToken().isPresent()
                    && peers.authenticate(peer.id(), token).isPresent()) {
                match = peer.id();
                matches++;
            }
        }
        // Two peers sharing one token cannot be told apart without a username: refuse both.
        return matches == 1 ? Optional.of(match) : Optional.empty();
    }
}
