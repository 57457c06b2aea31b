package dev.ilpconnector.stream;

import dev.ilpconnector.codec.ilp.IlpAddress;
import java.util.Objects;

/**
 * What SPSP hands a sender (RFC 9 {@code destination_account}, {@code shared_secret}): the
 * address of a new STREAM connection and its 32-byte shared secret. {@code toString()} hides
 * the secret.
 */
public record StreamCredentials(IlpAddress destinationAccount, byte[] sharedSecret) {

    public StreamCredentials {
        Objects.requireNonNull(destinationAccount, "destinationAccount");
        if (sharedSecret.length != 32) {
            throw new IllegalArgumentException("shared secret must be 32 bytes");
        }
        sharedSecret = sharedSecret.clone();
    }

    @Override
    public byte[] sharedSecret() {
        return sharedSecret.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamCredentials c
                && c.destinationAccount.equals(destinationAccount)
                && java.util.Arrays.equals(c.sharedSecret, sharedSecret);
    }

    @Override
    public int hashCode() {
        return destinationAccount.hashCode();
    }

    @Override
    public String toString() {
        return "StreamCredentials[destinationAccount=" + destinationAccount
                + ", sharedSecret=hidden]";
    }
}
