package dev.ilpconnector.codec.ccp;

import dev.ilpconnector.Limits;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A route in a route update (RFC 10): destinations under {@code prefix} are reachable through
 * the speaker, over the connectors in {@code path} (the speaker first).
 *
 * @param prefix an ILP address prefix (RFC 15)
 * @param path   connector addresses, nearest first
 * @param auth   32 bytes the speaker derives from the route's origin (copied in and out)
 * @param props  route properties, as received
 */
public record CcpRoute(String prefix, List<String> path, byte[] auth, List<CcpRouteProp> props) {

    public CcpRoute {
        Ccp.checkPrefix(prefix, "prefix");
        path = List.copyOf(path);
        for (String hop : path) {
            Ccp.checkAddress(hop, "path");
        }
        if (auth.length != Limits.CONDITION_BYTES) {
            throw new IllegalArgumentException("route auth must be 32 bytes");
        }
        auth = auth.clone();
        props = List.copyOf(props);
    }

    /** A route without properties. */
    public CcpRoute(String prefix, List<String> path, byte[] auth) {
        this(prefix, path, auth, List.of());
    }

    @Override
    public byte[] auth() {
        return auth.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CcpRoute r && prefix.equals(r.prefix) && path.equals(r.path)
                && Arrays.equals(auth, r.auth) && props.equals(r.props);
    }

    @Override
    public int hashCode() {
        return Objects.hash(prefix, path, Arrays.hashCode(auth), props);
    }

    @Override
    public String toString() {
        return "CcpRoute[prefix=" + prefix + ", path=" + path + ", auth="
                + HexFormat.of().formatHex(auth) + ", props=" + props + "]";
    }
}
