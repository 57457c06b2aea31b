package dev.ilpconnector.ledger.tigerbeetle;

import com.tigerbeetle.CreateAccountResult;
import com.tigerbeetle.CreateTransferResult;
import dev.ilpconnector.ledger.AccountResult;
import dev.ilpconnector.ledger.TransferResult;

/** TigerBeetle 0.15.3 results onto the SPI's (the table in {@link TransferResult}'s javadoc). */
final class TigerBeetleResults {

    private TigerBeetleResults() {
    }

    /** A create's result. Post and void replays are mapped by {@link #ofFinish}. */
    static TransferResult ofCreate(CreateTransferResult r) {
        return switch (r) {
            case Ok -> TransferResult.OK;
            case Exists -> TransferResult.EXISTS;
            case ExistsWithDifferentFlags, ExistsWithDifferentDebitAccountId,
                    ExistsWithDifferentCreditAccountId, ExistsWithDifferentAmount,
                    ExistsWithDifferentPendingId, ExistsWithDifferentUserData128,
                    ExistsWithDifferentUserData64, ExistsWithDifferentUserData32,
                    ExistsWithDifferentTimeout, ExistsWithDifferentCode ->
                    TransferResult.EXISTS_DIFFERENT;
            case DebitAccountNotFound, CreditAccountNotFound -> TransferResult.ACCOUNT_NOT_FOUND;
            case AccountsMustHaveTheSameLedger, TransferMustHaveTheSameLedgerAsAccounts,
                    PendingTransferHasDifferentLedger -> TransferResult.LEDGER_MISMATCH;
            // The limit is debits_must_not_exceed_credits on the debit account.
            case ExceedsCredits, ExceedsDebits -> TransferResult.EXCEEDS_LIMIT;
            case OverflowsDebitsPending, OverflowsCreditsPending, OverflowsDebitsPosted,
                    OverflowsCreditsPosted, OverflowsDebits, OverflowsCredits ->
                    TransferResult.OVERFLOW;
            case PendingTransferNotFound -> TransferResult.PENDING_NOT_FOUND;
            case PendingTransferNotPending -> TransferResult.NOT_PENDING;
            case PendingTransferExpired -> TransferResult.PENDING_EXPIRED;
            case PendingTransferAlreadyPosted -> TransferResult.ALREADY_POSTED;
            case PendingTransferAlreadyVoided -> TransferResult.ALREADY_VOIDED;
            // Zero amount or code, same accounts, timeout out of range, bad flags or ids: the
            // ledger checks most of these before sending, TigerBeetle has the last word.
            default -> TransferResult.INVALID;
        };
    }

    /**
     * A post's or void's result. Its own id is derived from the pending id, so a replay is
     * {@code exists}: the transfer is already in the state asked for.
     */
    static TransferResult ofFinish(CreateTransferResult r, boolean post) {
        if (r == CreateTransferResult.Exists) {
            return post ? TransferResult.ALREADY_POSTED : TransferResult.ALREADY_VOIDED;
        }
        return ofCreate(r);
    }

    /** An account create's result; {@code null} for results the caller resolves (exists). */
    static AccountResult ofAccount(CreateAccountResult r) {
        return switch (r) {
            case Ok -> AccountResult.OK;
            case Exists -> AccountResult.EXISTS;
            case ExistsWithDifferentFlags, ExistsWithDifferentLedger, ExistsWithDifferentCode,
                    ExistsWithDifferentUserData128, ExistsWithDifferentUserData64,
                    ExistsWithDifferentUserData32 -> AccountResult.EXISTS_DIFFERENT;
            default -> throw new IllegalStateException("TigerBeetle refused an account: " + r);
        };
    }
}
