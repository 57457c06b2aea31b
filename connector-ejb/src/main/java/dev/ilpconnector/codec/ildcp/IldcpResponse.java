package dev.ilpconnector.codec.ildcp;

import dev.ilpconnector.Limits;
import dev.ilpconnector.codec.ilp.IlpAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The IL-DCP answer (RFC 31 §Response): the child's ILP address and the asset it settles in.
 *
 * @param clientAddress address assigned to the child
 * @param assetScale UInt8, 0..255
 * @param assetCode UTF-8, at most {@link Limits#ASSET_CODE_BYTES_MAX} bytes (may be empty)
 */
public record IldcpResponse(IlpAddress clientAddress, int assetScale, String assetCode) {

    public IldcpResponse {
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(assetCode, "assetCode");
        if (assetScale < 0 || assetScale > Limits.ASSET_SCALE_MAX) {
            throw new IllegalArgumentException("assetScale must be 0..255");
        }
        if (assetCode.getBytes(StandardCharsets.UTF_8).length > Limits.ASSET_CODE_BYTES_MAX) {
            throw new IllegalArgumentException("assetCode longer than "
                    + Limits.ASSET_CODE_BYTES_MAX + " UTF-8 bytes");
        }
    }
}
