package dev.ilpconnector.peer;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where we dial a peer, in the JavaScript stack's convention
 * {@code btp+ws://<auth_username>:<auth_token>@host:port/path} (also {@code btp+wss://}).
 * The credentials travel in the BTP auth message (RFC 23), never in the WebSocket URI.
 */
public record BtpUrl(URI webSocketUri, String username, String token) {

    public BtpUrl {
        Objects.requireNonNull(webSocketUri, "webSocketUri");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(token, "token");
        String scheme = webSocketUri.getScheme();
        if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
            throw new IllegalArgumentException("scheme must be ws or wss");
        }
        if (webSocketUri.getUserInfo() != null) {
            throw new IllegalArgumentException("credentials belong in username/token, not the URI");
        }
    }

    /** Parses {@code btp+ws://user:token@host:port/path}; the user may be empty, the token not. */
    public static BtpUrl parse(String value) {
        String v = value.trim();
        String rest;
        String scheme;
        if (v.startsWith("btp+ws://")) {
            scheme = "ws";
            rest = v.substring("btp+ws://".length());
        } else if (v.startsWith("btp+wss://")) {
            scheme = "wss";
            rest = v.substring("btp+wss://".length());
        } else {
            throw new IllegalArgumentException("must start with btp+ws:// or btp+wss://");
        }
        int at = rest.lastIndexOf('@', firstSlash(rest));
        if (at < 0) {
            throw new IllegalArgumentException(
                    "must carry credentials: btp+ws://user:token@host:port");
        }
        String userInfo = rest.substring(0, at);
        int colon = userInfo.indexOf(':');
        if (colon < 0 || colon == userInfo.length() - 1) {
            throw new IllegalArgumentException("must carry a token: btp+ws://user:token@host:port");
        }
        String user = decode(userInfo.substring(0, colon));
        String token = decode(userInfo.substring(colon + 1));
        try {
            URI uri = new URI(scheme + "://" + rest.substring(at + 1));
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("has no host");
            }
            return new BtpUrl(uri, user, token);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URI: " + e.getReason(), e);
        }
    }

    private static int firstSlash(String rest) {
        int slash = rest.indexOf('/');
        return slash < 0 ? rest.length() : slash;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The URL as configured, token masked. */
    @Override
    public String toString() {
        return "btp+" + webSocketUri.getScheme() + "://" + username + ":***@"
                + webSocketUri.getRawAuthority() + (webSocketUri.getRawPath() == null ? ""
                : webSocketUri.getRawPath());
    }
}
