package dev.ilpconnector.stream;

import dev.ilpconnector.codec.oer.CodecException;
import dev.ilpconnector.codec.oer.OerReader;
import dev.ilpconnector.codec.oer.OerWriter;
import dev.ilpconnector.codec.stream.Receipt;
import dev.ilpconnector.codec.stream.StreamCrypto;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Random;

/**
 * The opaque last segment of a connection's address, in the layout of the JS library's STREAM
 * server (so either can read the other's tokens under the same server secret): AES-256-GCM
 * under the server secret of an 18-byte random nonce || VarOctetString payment id (UTF-8) ||
 * VarOctetString receipt nonce || VarOctetString receipt secret (both empty without receipts),
 * sealed as IV || tag || ciphertext and written base64url without padding. The connection's
 * shared secret is HMAC-SHA256(HMAC-SHA256(server secret, "ilp_stream_shared_secret"),
 * token bytes), so nothing needs storing to recognise a connection.
 */
final class ConnectionToken {

    static final int NONCE_BYTES = 18;
    /** Payment ids come from the business logic; bounded so the address stays short. */
    static final int PAYMENT_ID_BYTES_MAX = 128;
    static final int TOKEN_BYTES_MAX = StreamCrypto.IV_BYTES + StreamCrypto.TAG_BYTES
            + NONCE_BYTES + 2 + PAYMENT_ID_BYTES_MAX + 1 + Receipt.NONCE_BYTES + 1
            + Receipt.SECRET_BYTES;
    static final int TOKEN_CHARS_MAX = (TOKEN_BYTES_MAX * 4 + 2) / 3;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** What a token carries. */
    record Contents(String paymentId, Optional<ReceiptRequest> receipt) {
    }

    private ConnectionToken() {
    }

    static byte[] seal(byte[] serverSecret, String paymentId, Optional<ReceiptRequest> receipt,
            Random random) {
        byte[] id = paymentId.getBytes(StandardCharsets.UTF_8);
        if (id.length > PAYMENT_ID_BYTES_MAX) {
            throw new IllegalArgumentException("paymentId longer than " + PAYMENT_ID_BYTES_MAX
                    + " UTF-8 bytes");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        OerWriter out = new OerWriter(TOKEN_BYTES_MAX);
        out.writeOctets(nonce).writeVarOctetString(id);
        out.writeVarOctetString(receipt.map(ReceiptRequest::nonce).orElse(new byte[0]));
        out.writeVarOctetString(receipt.map(ReceiptRequest::secret).orElse(new byte[0]));
        return StreamCrypto.encrypt(serverSecret, out.toByteArray(), random);
    }

    static String text(byte[] token) {
        return ENCODER.encodeToString(token);
    }

    /** The token bytes of an address segment, or null when it is not base64url of a size. */
    static byte[] bytes(String segment) {
        if (segment.isEmpty() || segment.length() > TOKEN_CHARS_MAX
                || segment.indexOf('=') >= 0) {
            return null;
        }
        try {
            return DECODER.decode(segment);
        } catch (IllegalArgumentException notBase64Url) {
            return null;
        }
    }

    /**
     * Opens a token under the server secret.
     *
     * @throws CodecException when it was not sealed with this secret or is malformed
     */
    static Contents open(byte[] serverSecret, byte[] token) {
        OerReader in = new OerReader(StreamCrypto.decrypt(serverSecret, token));
        in.octets(NONCE_BYTES);
        String paymentId = in.varUtf8String(PAYMENT_ID_BYTES_MAX);
        byte[] receiptNonce = in.varOctetString(Receipt.NONCE_BYTES);
        byte[] receiptSecret = in.varOctetString(Receipt.SECRET_BYTES);
        in.requireEnd();
        if (receiptNonce.length == 0 && receiptSecret.length == 0) {
            return new Contents(paymentId, Optional.empty());
        }
        if (receiptNonce.length != Receipt.NONCE_BYTES
                || receiptSecret.length != Receipt.SECRET_BYTES) {
            throw new CodecException("token with a partial receipt request", -1);
        }
        return new Contents(paymentId,
                Optional.of(new ReceiptRequest(receiptNonce, receiptSecret)));
    }
}
