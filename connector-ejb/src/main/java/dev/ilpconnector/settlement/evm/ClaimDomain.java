package dev.ilpconnector.settlement.evm;

import java.math.BigInteger;

/**
 * The EIP-712 domain of one TokenNetwork's claims: name {@code TokenNetwork}, version
 * {@code 1}, the chain id and the contract's address. A claim signed for one domain recovers
 * to another signer in any other (chain, contract), so it is worthless there.
 */
public record ClaimDomain(long chainId, String verifyingContract) {

    public static final String NAME = "TokenNetwork";
    public static final String VERSION = "1";

    public ClaimDomain {
        verifyingContract = EvmAddress.parse(verifyingContract);
    }

    /** The typed data of {@code claim} in this domain, as {@code eth_signTypedData_v4} takes it. */
    public String typedData(Claim claim) {
        return "{\"types\":{\"EIP712Domain\":["
                + "{\"name\":\"name\",\"type\":\"string\"},"
                + "{\"name\":\"version\",\"type\":\"string\"},"
                + "{\"name\":\"chainId\",\"type\":\"uint256\"},"
                + "{\"name\":\"verifyingContract\",\"type\":\"address\"}],"
                + "\"Claim\":["
                + "{\"name\":\"channelId\",\"type\":\"uint256\"},"
                + "{\"name\":\"cumulativeAmount\",\"type\":\"uint256\"},"
                + "{\"name\":\"nonce\",\"type\":\"uint256\"}]},"
                + "\"primaryType\":\"Claim\","
                + "\"domain\":{\"name\":\"" + NAME + "\",\"version\":\"" + VERSION + "\","
                + "\"chainId\":" + chainId + ",\"verifyingContract\":\"" + verifyingContract
                + "\"},"
                + "\"message\":{\"channelId\":\"" + dec(claim.channelId())
                + "\",\"cumulativeAmount\":\"" + dec(claim.cumulativeAmount())
                + "\",\"nonce\":\"" + dec(claim.nonce()) + "\"}}";
    }

    private static String dec(BigInteger v) {
        return v.toString();
    }
}
