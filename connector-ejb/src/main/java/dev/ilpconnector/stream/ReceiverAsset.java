package dev.ilpconnector.stream;

import java.util.Objects;

/**
 * The asset the receiver takes payments in, told to senders in a ConnectionAssetDetails frame
 * (RFC 29 §5.3.7) so they can work out the exchange rate.
 *
 * @param code e.g. {@code USD}
 * @param scale 0..255, as IL-DCP (RFC 31) gives it
 */
public record ReceiverAsset(String code, int scale) {

    public ReceiverAsset {
        Objects.requireNonNull(code, "code");
        if (code.isEmpty() || scale < 0 || scale > 255) {
            throw new IllegalArgumentException("asset needs a code and a scale 0..255");
        }
    }
}
