package dev.ilpconnector.settlement.evm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;

/**
 * EIP-712 claims: the digest the contract checks, our signature, and the signer of a peer's
 * signature. Signatures are the 65 bytes {@code r ‖ s ‖ v} with {@code v} 27 or 28, as
 * {@code eth_signTypedData_v4} returns them; a high-s twin is refused (EIP-2, as OpenZeppelin's
 * {@code ECDSA} refuses it on chain), so one claim has one accepted signature.
 */
public final class ClaimSignatures {

    public static final int SIGNATURE_BYTES = 65;
    private static final BigInteger HALF_N = Sign.CURVE_PARAMS.getN().shiftRight(1);

    private ClaimSignatures() {
    }

    /** {@code keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(claim))}. */
    public static byte[] digest(ClaimDomain domain, Claim claim) {
        try {
            return new StructuredDataEncoder(domain.typedData(claim)).hashStructuredData();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signs {@code claim} with our key (RFC 6979 nonce, low s). */
    public static byte[] sign(ClaimDomain domain, Claim claim, EvmKey key) {
        try {
            Sign.SignatureData sig = Sign.signTypedData(domain.typedData(claim),
                    key.credentials().getEcKeyPair());
            byte[] out = new byte[SIGNATURE_BYTES];
            System.arraycopy(sig.getR(), 0, out, 0, 32);
            System.arraycopy(sig.getS(), 0, out, 32, 32);
            out[64] = sig.getV()[0];
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The address that signed {@code claim} in {@code domain}, EIP-55 checksummed.
     *
     * @throws SignatureException when the signature is malformed, high-s or recovers nothing
     */
    public static String signer(ClaimDomain domain, Claim claim, byte[] signature)
            throws SignatureException {
        if (signature.length != SIGNATURE_BYTES) {
            throw new SignatureException("signature must be 65 bytes");
        }
        byte v = signature[64];
        if (v != 27 && v != 28) {
            throw new SignatureException("signature v must be 27 or 28");
        }
        byte[] r = Arrays.copyOfRange(signature, 0, 32);
        byte[] s = Arrays.copyOfRange(signature, 32, 64);
        BigInteger sValue = new BigInteger(1, s);
        BigInteger rValue = new BigInteger(1, r);
        if (rValue.signum() == 0 || sValue.signum() == 0
                || rValue.compareTo(Sign.CURVE_PARAMS.getN()) >= 0) {
            throw new SignatureException("signature r or s out of range");
        }
        if (sValue.compareTo(HALF_N) > 0) {
            throw new SignatureException("signature s is in the upper half (EIP-2)");
        }
        BigInteger publicKey = Sign.signedMessageHashToKey(digest(domain, claim),
                new Sign.SignatureData(v, r, s));
        return Keys.toChecksumAddress(Keys.getAddress(publicKey));
    }
}
