package dev.ilpconnector.telemetry;

import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpFulfill;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpReject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/** Packet events for the telemetry tests. */
final class Packets {

    static final Instant AT = Instant.parse("2026-12-06T01:00:00Z");

    private Packets() {
    }

    static byte[] fulfillment(long seq) {
        byte[] f = new byte[32];
        f[0] = (byte) seq;
        f[1] = (byte) (seq >> 8);
        return f;
    }

    static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static IlpPrepare prepare(long seq, String destination, int dataBytes) {
        return new IlpPrepare(100 + seq, AT.plusSeconds(30), sha256(fulfillment(seq)),
                IlpAddress.of(destination), new byte[dataBytes]);
    }

    static PacketEvent fulfilled(long seq, String from, String to, int dataBytes) {
        IlpPrepare p = prepare(seq, "test.node." + to + ".x", dataBytes);
        return new PacketEvent(seq, AT.plusMillis(seq), from, to, p,
                p.withAmountAndExpiry(p.amount() - 1, p.expiresAt()),
                new IlpFulfill(fulfillment(seq), new byte[0]), 1_000, 2_000, 1_500_000);
    }

    static PacketEvent rejected(long seq, String from, String code, String message) {
        IlpPrepare p = prepare(seq, "test.node.bob.y", 0);
        return new PacketEvent(seq, AT.plusMillis(seq), from, "bob", p, p,
                new IlpReject(new IlpErrorCode(code), "test.node.bob", message, new byte[0]),
                1_000, 2_000, 3_000_000);
    }
}
