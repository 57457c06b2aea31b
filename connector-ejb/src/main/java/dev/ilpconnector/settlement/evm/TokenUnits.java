package dev.ilpconnector.settlement.evm;

import java.math.BigInteger;

/**
 * Converts between a peer's asset units (its ILP asset scale) and token base units (the
 * token's decimals). Amounts are totals, converted whole and rounded down: the difference of
 * two converted totals is what one claim adds, so what rounding leaves is carried to the next
 * claim, never lost and never paid twice ({@code Σ tokens × 10^(scale-decimals) + leftover ==
 * Σ requested}).
 */
public record TokenUnits(int assetScale, int decimals) {

    /** Token base units for a total of asset units, rounded down. */
    public BigInteger toTokens(BigInteger assetTotal) {
        int shift = assetScale - decimals;
        return shift >= 0 ? assetTotal.divide(BigInteger.TEN.pow(shift))
                : assetTotal.multiply(BigInteger.TEN.pow(-shift));
    }

    /** Asset units for a total of token base units, rounded down. */
    public BigInteger toAsset(BigInteger tokenTotal) {
        int shift = assetScale - decimals;
        return shift >= 0 ? tokenTotal.multiply(BigInteger.TEN.pow(shift))
                : tokenTotal.divide(BigInteger.TEN.pow(-shift));
    }
}
