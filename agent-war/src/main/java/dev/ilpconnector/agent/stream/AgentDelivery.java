package dev.ilpconnector.agent.stream;

import dev.ilpconnector.agent.callback.BusinessLogicClient;
import dev.ilpconnector.agent.callback.PaymentDecision;
import dev.ilpconnector.agent.callback.PaymentRequest;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.config.AgentConfig;
import dev.ilpconnector.packetswitch.AssetConversion;
import dev.ilpconnector.packetswitch.LocalDelivery;
import dev.ilpconnector.packetswitch.Rejects;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.stream.Payable;
import dev.ilpconnector.stream.ReceiverAsset;
import dev.ilpconnector.stream.StreamPrepare;
import dev.ilpconnector.stream.StreamReceiver;
import dev.ilpconnector.stream.Undecryptable;
import dev.ilpconnector.stream.Unfulfillable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The agent's receiver for Prepares to the node's own address (RFC 29 STREAM receiver): checks
 * the address and the asset as a forward would, opens the STREAM packet, and asks the business
 * logic before it fulfils a packet that carries money. Packets it cannot fulfil (the sender's
 * probes, a wrong condition) are refused with the encrypted STREAM reply and no business call;
 * packets it cannot decrypt are refused F06. Never blocks: the business logic is asked
 * asynchronously, and no call outlives the packet.
 */
public final class AgentDelivery implements LocalDelivery {

    private static final Logger LOG = Logger.getLogger(AgentDelivery.class.getName());
    /** The business logic must answer this long before the packet expires (the seed's margin). */
    static final Duration EXPIRY_MARGIN = Duration.ofMillis(500);

    private final StreamReceiver receiver;
    private final BusinessLogicClient businessLogic;
    private final PaymentSessions sessions;
    private final AgentConfig.Asset asset;
    private final ReceiverAsset receiverAsset;
    private final Duration deliveryTimeout;
    private final Supplier<Receiving> receiving;
    private final Clock clock;

    /** Where the agent receives now: its base address, or why it does not receive. */
    public record Receiving(IlpAddress baseAddress, Rejects rejects, String offReason) {

        public boolean on() {
            return offReason == null;
        }
    }

    /**
     * @param asset           the one asset the agent receives in
     * @param deliveryTimeout {@code LOCAL_DELIVERY_TIMEOUT}: cap on a business-logic call
     * @param receiving       the base address (it may be learned by IL-DCP after start-up)
     */
    public AgentDelivery(StreamReceiver receiver, BusinessLogicClient businessLogic,
                         PaymentSessions sessions, AgentConfig.Asset asset,
                         Duration deliveryTimeout, Supplier<Receiving> receiving, Clock clock) {
        this.receiver = receiver;
        this.businessLogic = businessLogic;
        this.sessions = sessions;
        this.asset = asset;
        this.receiverAsset = new ReceiverAsset(asset.code(), asset.scale());
        this.deliveryTimeout = deliveryTimeout;
        this.receiving = receiving;
        this.clock = clock;
    }

    /** Without the source peer the asset cannot be checked: the switch always gives it. */
    @Override
    public CompletableFuture<IlpResponse> deliver(IlpPrepare prepare) {
        throw new UnsupportedOperationException("the agent needs the source peer's asset");
    }

    @Override
    public CompletableFuture<IlpResponse> deliver(PeerConfig source, IlpPrepare prepare) {
        Receiving at = receiving.get();
        if (!at.on() || !prepare.destination().startsWith(at.baseAddress())) {
            return done(at.rejects().reject(IlpErrorCode.F02_UNREACHABLE, "no receiver at "
                    + prepare.destination().value()));
        }
        // the same rules as a forward to a next hop in the agent's asset (PacketSwitch)
        if (!source.assetCode().equals(asset.code())) {
            return done(at.rejects().reject(IlpErrorCode.F02_UNREACHABLE, "no exchange rate "
                    + source.assetCode() + "->" + asset.code()));
        }
        long amount;
        try {
            amount = AssetConversion.convert(prepare.amount(), source.assetScale(),
                    asset.scale());
        } catch (ArithmeticException e) {
            return done(at.rejects().reject(IlpErrorCode.F03_INVALID_AMOUNT, e.getMessage()));
        }
        // RFC 27 §R01: a non-zero payment that rounds to nothing would deliver nothing
        if (amount == 0 && prepare.amount() != 0) {
            return done(at.rejects().reject(IlpErrorCode.R01_INSUFFICIENT_SOURCE_AMOUNT,
                    "amount rounds to zero in " + asset.code() + "/" + asset.scale()));
        }
        IlpPrepare local = amount == prepare.amount() ? prepare
                : prepare.withAmountAndExpiry(amount, prepare.expiresAt());
        StreamPrepare opened = receiver.open(local, at.baseAddress(), receiverAsset);
        if (opened instanceof Payable payable) {
            return pay(payable, local);
        }
        if (opened instanceof Unfulfillable unfulfillable) {
            return done(unfulfillable.reject()); // a probe or a wrong condition: F99, no call
        }
        return done(((Undecryptable) opened).reject());
    }

    /** A fulfillable packet: money goes to the business logic first, zero is fulfilled. */
    private CompletableFuture<IlpResponse> pay(Payable payable, IlpPrepare local) {
        if (payable.amount() == 0) {
            return done(payable.fulfill());
        }
        Duration budget = budget(local.expiresAt());
        PaymentRequest request = new PaymentRequest(payable.paymentId(),
                local.destination().value(), payable.amount(), local.expiresAt(),
                payable.streamData(), sessions.metadata(payable.paymentId()));
        return businessLogic.handlePayment(request, budget)
                .thenApply(decision -> answer(payable, decision));
    }

    private IlpResponse answer(Payable payable, PaymentDecision decision) {
        if (decision.accepted()) {
            return payable.fulfill(decision.data()); // its data goes back in the STREAM reply
        }
        if (decision.code().family() == 'T') {
            LOG.log(decision.code().equals(IlpErrorCode.T04_INSUFFICIENT_LIQUIDITY)
                    ? Level.FINE : Level.WARNING, () -> "event=business_logic_refused paymentId="
                    + payable.paymentId() + " code=" + decision.code().code() + " reason=\""
                    + decision.message() + "\"");
        }
        return payable.reject(decision.code(), decision.message());
    }

    /** The business logic's time: its timeout, the delivery cap, and the packet's expiry. */
    private Duration budget(Instant expiresAt) {
        Duration left = Duration.between(clock.instant(), expiresAt).minus(EXPIRY_MARGIN);
        Duration budget = businessLogic.timeout().compareTo(deliveryTimeout) < 0
                ? businessLogic.timeout() : deliveryTimeout;
        return left.compareTo(budget) < 0 ? left : budget;
    }

    private static CompletableFuture<IlpResponse> done(IlpResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
