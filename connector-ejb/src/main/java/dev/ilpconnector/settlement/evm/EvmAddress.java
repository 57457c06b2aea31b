package dev.ilpconnector.settlement.evm;

import java.util.Locale;
import org.web3j.crypto.Keys;

/** EVM addresses as the node accepts them: 20 bytes in hex, EIP-55 checked when mixed-case. */
public final class EvmAddress {

    private EvmAddress() {
    }

    /**
     * @return the address EIP-55 checksummed
     * @throws IllegalArgumentException when malformed or its mixed case fails the checksum
     */
    public static String parse(String raw) {
        String s = raw.strip();
        if (!s.startsWith("0x") || s.length() != 42
                || !s.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("must be 0x and 40 hex digits");
        }
        String digits = s.substring(2);
        String checksummed = Keys.toChecksumAddress(s);
        boolean oneCase = digits.equals(digits.toLowerCase(Locale.ROOT))
                || digits.equals(digits.toUpperCase(Locale.ROOT));
        // EIP-55: mixed case carries a checksum; all one case carries none.
        if (!oneCase && !checksummed.equals(s)) {
            throw new IllegalArgumentException("fails its EIP-55 checksum");
        }
        if (digits.chars().allMatch(c -> c == '0')) {
            throw new IllegalArgumentException("is the zero address");
        }
        return checksummed;
    }

    /** Same account: compares without case. */
    public static boolean same(String a, String b) {
        return a.equalsIgnoreCase(b);
    }
}
