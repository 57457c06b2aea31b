package dev.ilpconnector.settlement.evm;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.MnemonicUtils;
import org.web3j.crypto.Sign;

/**
 * The node's EVM account key ({@code KEY_BACKEND=env}, {@code EVM_PRIVATE_KEY}). Holds the
 * secret; {@link #toString()} shows the address only, and no accessor returns the key's bytes.
 */
public final class EvmKey {

    /** Well-known mnemonic of anvil's and hardhat's dev accounts: public, never for real money. */
    private static final String DEV_MNEMONIC =
            "test test test test test test test test test test test junk";
    private static final int DEV_ACCOUNTS = 10;
    private static final int HARDENED = 0x80000000;
    private static final Set<String> DEV_ADDRESSES = devAddresses();

    private final Credentials credentials;

    private EvmKey(Credentials credentials) {
        this.credentials = credentials;
    }

    /**
     * Parses a private key: 64 hex digits, {@code 0x} optional, in 1..n-1 of secp256k1.
     *
     * @throws IllegalArgumentException saying what is wrong, never quoting the value
     */
    public static EvmKey parse(String raw) {
        String hex = raw.strip();
        if (hex.startsWith("0x") || hex.startsWith("0X")) {
            hex = hex.substring(2);
        }
        if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("must be 32 bytes as 64 hex digits");
        }
        BigInteger k = new BigInteger(hex, 16);
        if (k.signum() == 0 || k.compareTo(Sign.CURVE_PARAMS.getN()) >= 0) {
            throw new IllegalArgumentException("is out of range for secp256k1");
        }
        return new EvmKey(Credentials.create(hex));
    }

    /** The account's address, EIP-55 checksummed. */
    public String address() {
        return Keys.toChecksumAddress(credentials.getAddress());
    }

    /** Whether this is one of anvil's public dev accounts (refused on mainnet). */
    public boolean isDevKey() {
        return DEV_ADDRESSES.contains(credentials.getAddress().toLowerCase(Locale.ROOT));
    }

    /** For the signer and the transaction manager of this package only. */
    Credentials credentials() {
        return credentials;
    }

    @Override
    public String toString() {
        return "EvmKey[address=" + address() + "]";
    }

    private static Set<String> devAddresses() {
        Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(
                MnemonicUtils.generateSeed(DEV_MNEMONIC, ""));
        HashSet<String> out = new HashSet<>();
        for (int i = 0; i < DEV_ACCOUNTS; i++) {
            int[] path = {44 | HARDENED, 60 | HARDENED, HARDENED, 0, i};
            Bip32ECKeyPair child = Bip32ECKeyPair.deriveKeyPair(master, path);
            out.add(Credentials.create(child).getAddress().toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(out);
    }
}
