package dev.ilpconnector.agent.callback;

import dev.ilpconnector.codec.ilp.IlpErrorCode;
import java.util.Map;

/**
 * The business logic's {@code rejectReason.code} values and the ILP error each becomes (the
 * TypeScript agent's table, docs/agent.md). A code not in the table is an application error.
 */
final class RejectReasons {

    private static final Map<String, IlpErrorCode> CODES = Map.of(
            "insufficient_funds", IlpErrorCode.T04_INSUFFICIENT_LIQUIDITY,
            "expired", IlpErrorCode.R00_TRANSFER_TIMED_OUT,
            "invalid_request", IlpErrorCode.F00_BAD_REQUEST,
            "invalid_amount", IlpErrorCode.F03_INVALID_AMOUNT,
            "unexpected_payment", IlpErrorCode.F06_UNEXPECTED_PAYMENT,
            "application_error", IlpErrorCode.F99_APPLICATION_ERROR,
            "internal_error", IlpErrorCode.T00_INTERNAL_ERROR);

    private RejectReasons() {
    }

    /** The ILP error for {@code code}; F99 for codes the table does not know. */
    static IlpErrorCode ilpCode(String code) {
        return CODES.getOrDefault(code, IlpErrorCode.F99_APPLICATION_ERROR);
    }
}
