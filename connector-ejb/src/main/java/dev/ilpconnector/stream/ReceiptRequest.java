package dev.ilpconnector.stream;

import dev.ilpconnector.codec.stream.Receipt;

/**
 * What a sender asked for to get STREAM receipts (RFC 39, given in the SPSP query): the
 * 16-byte nonce and 32-byte secret the receipts are signed with. Copied in and out;
 * {@code toString()} hides both.
 */
public record ReceiptRequest(byte[] nonce, byte[] secret) {

    public ReceiptRequest {
        if (nonce.length != Receipt.NONCE_BYTES || secret.length != Receipt.SECRET_BYTES) {
            throw new IllegalArgumentException("receipt nonce must be 16 bytes, secret 32");
        }
        nonce = nonce.clone();
        secret = secret.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReceiptRequest r && java.util.Arrays.equals(r.nonce, nonce)
                && java.util.Arrays.equals(r.secret, secret);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(nonce);
    }

    @Override
    public String toString() {
        return "ReceiptRequest[hidden]";
    }
}
