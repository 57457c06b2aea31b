package dev.ilpconnector.accounting;

import dev.ilpconnector.ledger.AccountResult;
import dev.ilpconnector.ledger.AccountSpec;
import dev.ilpconnector.ledger.Ledger;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Start-up creation of accounts: idempotent, so a restart finds the same accounts. */
final class LedgerAccounts {

    /** Start-up waits this long for the ledger to confirm each account. */
    private static final long ACCOUNT_SETUP_TIMEOUT_SECONDS = 10;

    private LedgerAccounts() {
    }

    /** Creates the account or finds it; a changed limit is applied, anything else refused. */
    static void ensure(Ledger ledger, AccountSpec spec) {
        AccountResult result = await(ledger.createAccount(spec));
        if (result == AccountResult.EXISTS_DIFFERENT_LIMIT) {
            result = await(ledger.setMinBalance(spec.id(), spec.minBalance()));
        }
        if (result != AccountResult.OK && result != AccountResult.EXISTS) {
            throw new IllegalStateException("ledger account " + spec.id() + ": " + result);
        }
    }

    private static AccountResult await(CompletionStage<AccountResult> stage) {
        try {
            return stage.toCompletableFuture().get(ACCOUNT_SETUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating ledger accounts", e);
        } catch (Exception e) {
            throw new IllegalStateException("ledger did not confirm an account: " + e, e);
        }
    }
}
