package dev.ilpconnector.settlement.evm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.security.SignatureException;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Sign;

/** Signing and checking claims offline; the chain's own view is in ClaimDigestAnvilTest. */
class ClaimSignaturesTest {

    static final EvmKey DEV_0 = EvmKey.parse(
            "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    private static final ClaimDomain DOMAIN =
            new ClaimDomain(84_532, "0x5FbDB2315678afecb367f032d93F642f64180aa3");
    private final Claim claim = new Claim(BigInteger.valueOf(7), BigInteger.valueOf(123_456_789),
            BigInteger.valueOf(3));

    @Test
    void aSignatureRecoversToItsSigner() throws Exception {
        byte[] sig = ClaimSignatures.sign(DOMAIN, claim, DEV_0);

        assertEquals(DEV_0.address(), ClaimSignatures.signer(DOMAIN, claim, sig));
    }

    @Test
    void anotherChainContractOrClaimRecoversSomeoneElse() throws Exception {
        byte[] sig = ClaimSignatures.sign(DOMAIN, claim, DEV_0);

        assertNotEquals(DEV_0.address(), ClaimSignatures.signer(
                new ClaimDomain(31_337, DOMAIN.verifyingContract()), claim, sig));
        assertNotEquals(DEV_0.address(), ClaimSignatures.signer(
                new ClaimDomain(84_532, "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512"), claim,
                sig));
        assertNotEquals(DEV_0.address(), ClaimSignatures.signer(DOMAIN, new Claim(
                BigInteger.valueOf(8), claim.cumulativeAmount(), claim.nonce()), sig));
    }

    @Test
    void theHighSTwinIsRefused() throws Exception {
        byte[] sig = ClaimSignatures.sign(DOMAIN, claim, DEV_0);
        // (r, n - s, v ^ 1) is the same point's other signature: valid ECDSA, refused by EIP-2.
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64));
        byte[] twin = sig.clone();
        byte[] highS = Sign.CURVE_PARAMS.getN().subtract(s).toByteArray();
        System.arraycopy(highS, highS.length - 32, twin, 32, 32);
        twin[64] = (byte) (sig[64] == 27 ? 28 : 27);

        SignatureException e = assertThrows(SignatureException.class,
                () -> ClaimSignatures.signer(DOMAIN, claim, twin));
        assertEquals("signature s is in the upper half (EIP-2)", e.getMessage());
    }

    @Test
    void malformedSignaturesAreRefused() {
        byte[] sig = ClaimSignatures.sign(DOMAIN, claim, DEV_0);
        byte[] badV = sig.clone();
        badV[64] = 1;

        assertThrows(SignatureException.class,
                () -> ClaimSignatures.signer(DOMAIN, claim, new byte[64]));
        assertThrows(SignatureException.class, () -> ClaimSignatures.signer(DOMAIN, claim, badV));
        assertThrows(SignatureException.class,
                () -> ClaimSignatures.signer(DOMAIN, claim, new byte[65]));
    }

    @Test
    void anvilsDevKeysAreKnown() {
        assertEquals("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", DEV_0.address());
        assertEquals(true, DEV_0.isDevKey());
        assertEquals(false, EvmKey.parse(
                "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318").isDevKey());
        assertEquals("EvmKey[address=0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266]",
                DEV_0.toString());
    }
}
