package dev.ilpconnector.settlement.evm;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A payment-channel claim as the TokenNetwork contract takes it: the EIP-712 struct
 * {@code Claim(uint256 channelId,uint256 cumulativeAmount,uint256 nonce)}, signed by the
 * channel's sender. {@code cumulativeAmount} is the total the receiver may take, in token base
 * units; {@code nonce} orders claims (the contract keeps the highest).
 */
public record Claim(BigInteger channelId, BigInteger cumulativeAmount, BigInteger nonce) {

    private static final BigInteger UINT256_MAX =
            BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    public Claim {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(cumulativeAmount, "cumulativeAmount");
        Objects.requireNonNull(nonce, "nonce");
        for (BigInteger v : new BigInteger[] {channelId, cumulativeAmount, nonce}) {
            if (v.signum() < 0 || v.compareTo(UINT256_MAX) > 0) {
                throw new IllegalArgumentException("claim field out of uint256 range");
            }
        }
    }
}
