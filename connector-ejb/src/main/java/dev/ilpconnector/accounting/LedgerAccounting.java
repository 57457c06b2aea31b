package dev.ilpconnector.accounting;

import dev.ilpconnector.ledger.AccountBalance;
import dev.ilpconnector.ledger.AccountSpec;
import dev.ilpconnector.ledger.Ledger;
import dev.ilpconnector.ledger.LedgerId;
import dev.ilpconnector.ledger.LedgerUnavailableException;
import dev.ilpconnector.ledger.PendingLeg;
import dev.ilpconnector.ledger.TransferResult;
import dev.ilpconnector.ledger.UserData;
import dev.ilpconnector.packetswitch.Accounting;
import dev.ilpconnector.peer.PeerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The switch's holds as ledger transfers. Per forwarded packet: an in-leg (debit the source
 * peer, credit the connector on the source's ledger) and an out-leg (debit the connector on the
 * next hop's ledger, credit the next hop), both pending until the packet's outcome is known.
 * When both are on one ledger and move the same amount, the connector's credit and debit would
 * cancel: one pending transfer from the source to the next hop stands for both (a direct leg).
 */
public final class LedgerAccounting implements Accounting {

    private static final Logger LOG = Logger.getLogger(LedgerAccounting.class.getName());

    /**
     * The ledger's own timeout outlives the packet by this much, so it only ever releases a hold
     * the node itself failed to finish (after a crash), never one still in play.
     */
    private static final Duration PENDING_TIMEOUT_MARGIN = Duration.ofSeconds(2);

    private static final CompletableFuture<Hold> NOTHING_HELD =
            CompletableFuture.completedFuture(new LedgerHold(HoldStatus.HELD, null, null));
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final Ledger ledger;
    private final Clock clock;
    /** Read on every packet; peers come and go at run time (the admin API). */
    private final Map<String, PeerAccounts> accounts = new ConcurrentHashMap<>();
    private final Map<Integer, String> assetOfLedger = new ConcurrentHashMap<>();

    /** Creates (or finds) every peer's and connector's account; blocks until the ledger agrees. */
    public LedgerAccounting(Ledger ledger, List<PeerConfig> peers, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
        for (PeerConfig peer : peers) {
            putPeer(peer);
        }
    }

    /**
     * Creates (or finds) the peer's accounts, applies a changed min balance, and accounts for
     * the peer from now on; blocks until the ledger agrees.
     *
     * @throws IllegalStateException when the ledger refuses or does not answer
     */
    public void putPeer(PeerConfig peer) {
        int ledgerNumber = AssetLedgers.ledgerOf(peer);
        String asset = peer.assetCode() + "/" + peer.assetScale();
        String clash = assetOfLedger.putIfAbsent(ledgerNumber, asset);
        if (clash != null && !clash.equals(asset)) {
            // A 2^-32 chance per pair, but two assets must never share a ledger.
            throw new IllegalStateException("assets " + clash + " and " + asset
                    + " hash to the same ledger number " + ledgerNumber);
        }
        PeerAccounts ids = new PeerAccounts(peer, AssetLedgers.peerAccount(peer),
                AssetLedgers.connectorAccount(peer));
        LedgerAccounts.ensure(ledger, new AccountSpec(ids.connector(), ledgerNumber,
                AccountSpec.CODE_CONNECTOR, AccountSpec.NO_LIMIT));
        LedgerAccounts.ensure(ledger, new AccountSpec(ids.peer(), ledgerNumber,
                AccountSpec.CODE_PEER, peer.minBalance()));
        accounts.put(peer.id(), ids);
    }

    /**
     * Stops accounting for a removed peer. Its accounts stay in the ledger: adding the peer
     * again (same id and asset) finds them, balance and all.
     */
    public void removePeer(String peerId) {
        accounts.remove(peerId);
    }

    @Override
    public CompletionStage<Hold> hold(PeerConfig source, long sourceAmount,
                                      PeerConfig destination, long destinationAmount,
                                      Instant holdUntil, byte[] executionCondition) {
        if (sourceAmount == 0) {
            // Zero-amount packets (STREAM control, ILDCP) move no money; the ledger refuses 0.
            return NOTHING_HELD;
        }
        PeerAccounts in = accounts(source);
        Duration outTimeout = Duration.between(clock.instant(), holdUntil)
                .plus(PENDING_TIMEOUT_MARGIN);
        // The in-leg outlives the out-leg: whatever the timing, the source's debit can still
        // be posted whenever the next hop's credit can (see commit).
        Duration inTimeout = outTimeout.plus(PENDING_TIMEOUT_MARGIN);
        // Both legs carry the hold's time and the condition: the ledger's link to the packet.
        UserData packet = UserData.packetLink(clock.millis(), executionCondition);
        PendingLeg inLeg = new PendingLeg(LedgerId.random(), in.peer(), in.connector(),
                sourceAmount, Ledger.CODE_ILP_PACKET, inTimeout, packet);
        if (destination == null || destinationAmount == 0) {
            return holdOne(inLeg, source);
        }
        PeerAccounts out = accounts(destination);
        if (out.connector().equals(in.connector()) && destinationAmount == sourceAmount) {
            // The same books for half the ledger work, and a commit that cannot post one side
            // without the other. Only the source's account has a limit, as with two legs.
            return holdOne(new PendingLeg(inLeg.id(), in.peer(), out.peer(), sourceAmount,
                    Ledger.CODE_ILP_PACKET, inTimeout, packet), source);
        }
        PendingLeg outLeg = new PendingLeg(LedgerId.random(), out.connector(), out.peer(),
                destinationAmount, Ledger.CODE_ILP_PACKET, outTimeout, packet);
        return ledger.createBothPending(inLeg, outLeg)
                .thenApply(both -> {
                    if (both.first() != TransferResult.OK) {
                        return refused(both.first(), source);
                    }
                    return both.second() == TransferResult.OK
                            ? new LedgerHold(HoldStatus.HELD, inLeg.id(), outLeg.id())
                            : refused(both.second(), destination);
                })
                .exceptionally(failure -> unavailable(source, failure));
    }

    /** A hold of one pending transfer: an in-leg alone or a direct leg. */
    private CompletionStage<Hold> holdOne(PendingLeg leg, PeerConfig source) {
        return ledger.createPending(leg.id(), leg.debit(), leg.credit(), leg.amount(),
                        leg.code(), leg.timeout(), leg.userData())
                .thenApply(result -> result == TransferResult.OK
                        ? new LedgerHold(HoldStatus.HELD, leg.id(), null)
                        : refused(result, source))
                .exceptionally(failure -> unavailable(source, failure));
    }

    /** The ledger failed or did not answer: the packet is refused; the hold, if any, expires. */
    private static Hold unavailable(PeerConfig peer, Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof LedgerUnavailableException) { // an outage: one line, no trace
            LOG.fine("peer=" + peer.id() + " ledger unavailable: " + cause.getMessage());
        } else {
            LOG.log(Level.WARNING, "peer=" + peer.id() + " ledger hold failed", failure);
        }
        return new LedgerHold(HoldStatus.UNAVAILABLE, null, null);
    }

    /**
     * Posts the source's debit before (TigerBeetle: linked with) the next hop's credit, so the
     * books can never show the next hop paid and the source not charged: when the in-leg
     * cannot be posted, the out-leg is voided.
     */
    @Override
    public CompletionStage<Void> commit(Hold hold) {
        LedgerHold h = (LedgerHold) hold;
        if (h.inLeg() == null) {
            return DONE;
        }
        if (h.outLeg() == null) {
            return ledger.post(h.inLeg()).thenAccept(in -> {
                if (!in.isSuccess()) {
                    LOG.warning("reconcile: fulfilled packet post result in=" + in
                            + " inLeg=" + h.inLeg());
                }
            });
        }
        return ledger.postBoth(h.inLeg(), h.outLeg()).thenAccept(both -> {
            if (!both.bothSucceeded()) {
                // The packet was fulfilled: it stands. A leg the ledger could no longer post is
                // a loss inside the in-flight window docs/ledger.md describes; flag it.
                LOG.warning("reconcile: fulfilled packet post results in=" + both.first()
                        + " out=" + both.second() + " inLeg=" + h.inLeg() + " outLeg="
                        + h.outLeg());
            }
        });
    }

    @Override
    public CompletionStage<Void> release(Hold hold) {
        LedgerHold h = (LedgerHold) hold;
        if (h.inLeg() == null) {
            return DONE;
        }
        if (h.outLeg() == null) {
            return ledger.voidPending(h.inLeg()).thenAccept(r -> { });
        }
        return ledger.voidBoth(h.inLeg(), h.outLeg()).thenAccept(r -> { });
    }

    /** The peer's account balance; for the admin API, not the packet path. */
    public CompletionStage<Optional<AccountBalance>> balance(PeerConfig peer) {
        return ledger.balance(accounts(peer).peer());
    }

    private PeerAccounts accounts(PeerConfig peer) {
        PeerAccounts ids = accounts.get(peer.id());
        if (ids == null) {
            throw new IllegalStateException("no ledger accounts for peer " + peer.id());
        }
        return ids;
    }

    private static Hold refused(TransferResult result, PeerConfig peer) {
        HoldStatus status = switch (result) {
            // A u64 total that would overflow needs settling before more can move: T04.
            case EXCEEDS_LIMIT, OVERFLOW -> HoldStatus.EXCEEDS_LIMIT;
            case BUSY -> HoldStatus.BUSY;
            default -> HoldStatus.UNAVAILABLE;
        };
        if (status == HoldStatus.UNAVAILABLE) {
            LOG.warning("peer=" + peer.id() + " ledger refused hold result=" + result);
        }
        return new LedgerHold(status, null, null);
    }

    private record PeerAccounts(PeerConfig config, LedgerId peer, LedgerId connector) {
    }

    private record LedgerHold(HoldStatus status, LedgerId inLeg, LedgerId outLeg) implements Hold {
    }
}
