package dev.ilpconnector.contracts;

import org.web3j.crypto.Hash;

/**
 * A contract call or deployment that the chain refused: the estimate reverted or the mined
 * transaction failed. {@link #revertData()} carries the ABI-encoded custom error when the node
 * returned it, so tests can tell {@code StaleNonce} from {@code InvalidSignature}.
 */
public final class ChainCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String revertData;

    public ChainCallException(String message, String revertData) {
        super(revertData == null ? message : message + " revertData=" + revertData);
        this.revertData = revertData;
    }

    /** The revert data ({@code 0x}-prefixed hex), or {@code null} when the node gave none. */
    public String revertData() {
        return revertData;
    }

    /**
     * Whether the call reverted with the custom error of this signature, e.g.
     * {@code isError("StaleNonce(uint256,uint256)")}.
     */
    public boolean isError(String errorSignature) {
        return revertData != null && revertData.startsWith(selector(errorSignature));
    }

    /** The 4-byte selector of an error or function signature, {@code 0x}-prefixed. */
    public static String selector(String signature) {
        return Hash.sha3String(signature).substring(0, 10);
    }
}
