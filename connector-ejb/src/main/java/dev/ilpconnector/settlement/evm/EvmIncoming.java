package dev.ilpconnector.settlement.evm;

import dev.ilpconnector.codec.btp.BtpProtocolData;
import dev.ilpconnector.config.EvmSettlementConfig;
import dev.ilpconnector.ledger.TransferResult;
import dev.ilpconnector.packetswitch.SubProtocolException;
import dev.ilpconnector.packetswitch.SubProtocolHandler;
import dev.ilpconnector.packetswitch.SubProtocols;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.settlement.evm.ChannelStore.InChannel;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The receiving side of EVM settlement: the peers' {@code evm_info}, {@code evm_channel},
 * {@code evm_claim} and {@code evm_close} (see {@link EvmMessages}). A claim is credited only
 * after every check the contract would make and more: the channel is on our token network and
 * chain (the EIP-712 domain), to us, from the peer's own account, open, with a challenge window
 * of at least {@code SETTLEMENT_EVM_MIN_SETTLE_TIMEOUT}; the signature is the sender's (low s);
 * nonce and cumulative amount are above the best claim we hold; the amount is within the
 * deposit (read again from the chain when above the one we know). Then it is stored (fsync),
 * and the peer credited {@code toAsset(new) - toAsset(old)} under the key
 * {@code evm:<chainId>:<channelId>:<nonce>}; the Transfer's own amount is ignored.
 * Anything else is a BTP Error; the link stays up and nothing is credited.
 */
public final class EvmIncoming {

    private static final Logger LOG = Logger.getLogger(EvmIncoming.class.getName());
    private static final long CREDIT_TIMEOUT_MS = 10_000;

    /** Credits a peer for value it settled to us (the node's {@code recordIncoming}). */
    public interface Credits {
        CompletionStage<TransferResult> credit(PeerConfig peer, long amount, String key);
    }

    private final EvmSettlementConfig config;
    private final TokenNetworkClient client;
    private final ChannelStore store;
    private final ClaimDomain domain;
    private final int decimals;
    private final Function<String, Optional<PeerConfig>> peers;
    private final Executor executor;
    private final PeerAddresses addresses;
    private final Set<String> evmPeers;
    private volatile Credits credits;
    private final Map<BigInteger, Object> locks = new ConcurrentHashMap<>();

    public EvmIncoming(EvmSettlementConfig config, TokenNetworkClient client, ChannelStore store,
                       int decimals, Function<String, Optional<PeerConfig>> peers,
                       Executor executor, PeerAddresses addresses, Set<String> evmPeers) {
        this.evmPeers = Set.copyOf(evmPeers);
        this.config = config;
        this.client = client;
        this.store = store;
        this.domain = new ClaimDomain(config.chainId(), client.tokenNetwork());
        this.decimals = decimals;
        this.peers = peers;
        this.executor = executor;
        this.addresses = addresses;
    }

    /** Where accepted claims are credited; set once the node's settlements exist. */
    public void creditTo(Credits credits) {
        this.credits = credits;
    }

    /** Registers the four sub-protocols. */
    public void register(SubProtocols protocols) {
        protocols.register(EvmMessages.INFO, message(this::onInfo));
        protocols.register(EvmMessages.CHANNEL, message(this::onChannel));
        protocols.register(EvmMessages.CLOSE, message(this::onClose));
        protocols.register(EvmMessages.CLAIM, new SubProtocolHandler() {
            @Override
            public CompletionStage<List<BtpProtocolData>> onMessage(String peerId,
                                                                    List<BtpProtocolData> d) {
                throw SubProtocolException.notAccepted("evm_claim travels in a Transfer");
            }

            @Override
            public CompletionStage<List<BtpProtocolData>> onTransfer(String peerId, long amount,
                                                                     List<BtpProtocolData> d) {
                evmPeer(peerId);
                EvmMessages.SignedClaim signed = EvmMessages.parseClaim(d, EvmMessages.CLAIM);
                return async(peerId, () -> {
                    accept(peerId, signed);
                    return List.of();
                });
            }
        });
    }

    private interface Body {
        List<BtpProtocolData> run() throws IOException;
    }

    private SubProtocolHandler message(java.util.function.BiFunction<String,
            List<BtpProtocolData>, CompletionStage<List<BtpProtocolData>>> handler) {
        return (peerId, data) -> {
            evmPeer(peerId);
            return handler.apply(peerId, data);
        };
    }

    /** Only a peer configured to settle on EVM speaks these sub-protocols with us. */
    private void evmPeer(String peerId) {
        if (!evmPeers.contains(peerId)) {
            throw refused(peerId, "peer " + peerId + " does not settle on EVM with us");
        }
    }

    private CompletionStage<List<BtpProtocolData>> onInfo(String peerId,
                                                          List<BtpProtocolData> data) {
        EvmMessages.Info info = EvmMessages.parseInfo(data);
        if (info.chainId() != config.chainId()
                || !EvmAddress.same(info.tokenNetwork(), client.tokenNetwork())) {
            throw refused(peerId, "evm_info for chain " + info.chainId() + " token network "
                    + info.tokenNetwork() + "; ours is " + config.chainId() + " "
                    + client.tokenNetwork());
        }
        addresses.learn(peerId, info.address());
        LOG.info("event=evm_info peer=" + peerId + " address=" + info.address());
        return CompletableFuture.completedFuture(List.of());
    }

    private CompletionStage<List<BtpProtocolData>> onChannel(String peerId,
                                                             List<BtpProtocolData> data) {
        BigInteger channelId = EvmMessages.parseChannel(data);
        return async(peerId, () -> {
            channel(peerId, channelId);
            return List.of();
        });
    }

    /** The sender closes cooperatively at its last claim: we countersign once it is ours. */
    private CompletionStage<List<BtpProtocolData>> onClose(String peerId,
                                                           List<BtpProtocolData> data) {
        EvmMessages.SignedClaim signed = EvmMessages.parseClaim(data, EvmMessages.CLOSE);
        return async(peerId, () -> {
            InChannel channel = channel(peerId, signed.claim().channelId());
            if (channel.best() == null || !channel.best().equals(signed.claim())) {
                accept(peerId, signed); // a close claim is a claim: it must pass every check
            }
            // Our signature closes the channel whenever the sender submits it: no claim on it
            // counts after this one (contracts/README.md).
            store.recordClosed(signed.claim().channelId());
            byte[] ours = ClaimSignatures.sign(domain, signed.claim(), config.key());
            LOG.info("event=evm_close_countersigned peer=" + peerId + " channel="
                    + signed.claim().channelId() + " nonce=" + signed.claim().nonce());
            return EvmMessages.signature(EvmMessages.CLOSE, ours);
        });
    }

    /** Runs {@code body} on the settlement executor; refusals become BTP Errors. */
    private CompletionStage<List<BtpProtocolData>> async(String peerId, Body body) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return body.run();
            } catch (IOException e) {
                LOG.warning("event=evm_incoming_unavailable peer=" + peerId + " reason=" + e);
                throw SubProtocolException.temporary("chain not reachable now; try again");
            }
        }, executor);
    }

    /** The peer's channel to us, learnt from the chain the first time and checked. */
    private InChannel channel(String peerId, BigInteger channelId) throws IOException {
        Optional<InChannel> known = store.inChannel(channelId);
        if (known.isPresent()) {
            if (!known.get().peerId().equals(peerId)) {
                throw refused(peerId, "channel " + channelId + " belongs to another peer");
            }
            return known.get();
        }
        String sender = addresses.address(peerId).orElseThrow(() -> refused(peerId,
                "send evm_info before channels"));
        TokenNetworkAbi.ChannelView view = client.channel(channelId);
        if (view.state() != TokenNetworkAbi.STATE_OPEN) {
            throw refused(peerId, "channel " + channelId + " is not open on "
                    + client.tokenNetwork());
        }
        if (!EvmAddress.same(view.receiver(), config.key().address())) {
            throw refused(peerId, "channel " + channelId + " does not pay us");
        }
        if (!EvmAddress.same(view.sender(), sender)) {
            throw refused(peerId, "channel " + channelId + " is not from the peer's account");
        }
        if (view.settleTimeout() < config.minSettleTimeout().toSeconds()) {
            throw refused(peerId, "channel " + channelId + " settle timeout "
                    + view.settleTimeout() + " s is below our minimum "
                    + config.minSettleTimeout().toSeconds() + " s");
        }
        synchronized (store) {
            if (store.inChannel(channelId).isEmpty()) {
                store.recordInChannel(peerId, channelId, EvmAddress.parse(view.sender()),
                        view.deposit(), view.settleTimeout());
                LOG.info("event=evm_channel_accepted peer=" + peerId + " channel=" + channelId
                        + " deposit=" + view.deposit());
            }
        }
        return channel(peerId, channelId);
    }

    /** Checks, stores and credits one claim; throws a BTP Error when refused. */
    private void accept(String peerId, EvmMessages.SignedClaim signed) throws IOException {
        PeerConfig peer = peers.apply(peerId).orElseThrow(() -> refused(peerId, "unknown peer"));
        Claim claim = signed.claim();
        InChannel channel = channel(peerId, claim.channelId());
        BigInteger previous;
        synchronized (locks.computeIfAbsent(claim.channelId(), id -> new Object())) {
            channel = store.inChannel(claim.channelId()).orElseThrow();
            if (channel.closed()) {
                throw refused(peerId, "channel " + claim.channelId() + " is closed");
            }
            Claim best = channel.best();
            if (best != null && best.equals(claim)
                    && Arrays.equals(channel.bestSignature(), signed.signature())) {
                // The same claim again (our Response was lost): credited once by its key.
                credit(peer, channel, claim, channel.bestPrevious());
                return;
            }
            if (best != null && (claim.nonce().compareTo(best.nonce()) <= 0
                    || claim.cumulativeAmount().compareTo(best.cumulativeAmount()) <= 0)) {
                throw refused(peerId, "claim nonce " + claim.nonce() + " cumulative "
                        + claim.cumulativeAmount() + " not above the best (nonce "
                        + best.nonce() + " cumulative " + best.cumulativeAmount() + ")");
            }
            String signer;
            try {
                signer = ClaimSignatures.signer(domain, claim, signed.signature());
            } catch (SignatureException e) {
                throw refused(peerId, "claim signature: " + e.getMessage());
            }
            if (!EvmAddress.same(signer, channel.sender())) {
                throw refused(peerId, "claim not signed by the channel's sender");
            }
            if (claim.cumulativeAmount().compareTo(channel.deposit()) > 0) {
                TokenNetworkAbi.ChannelView view = client.channel(claim.channelId());
                if (view.deposit().compareTo(channel.deposit()) > 0) {
                    store.recordInDeposit(claim.channelId(), view.deposit());
                }
                if (claim.cumulativeAmount().compareTo(view.deposit()) > 0) {
                    throw refused(peerId, "claim cumulative " + claim.cumulativeAmount()
                            + " above the deposit " + view.deposit());
                }
            }
            previous = best == null ? BigInteger.ZERO : best.cumulativeAmount();
            store.recordInClaim(claim, signed.signature(), previous);
        }
        credit(peer, channel, claim, previous);
    }

    private void credit(PeerConfig peer, InChannel channel, Claim claim, BigInteger previous) {
        TokenUnits units = new TokenUnits(peer.assetScale(), decimals);
        BigInteger delta = units.toAsset(claim.cumulativeAmount()).subtract(
                units.toAsset(previous));
        String key = "evm:" + config.chainId() + ":" + channel.channelId() + ":" + claim.nonce();
        LOG.info("event=evm_claim_accepted peer=" + peer.id() + " channel="
                + channel.channelId() + " nonce=" + claim.nonce() + " cumulative="
                + claim.cumulativeAmount() + " credit=" + delta);
        if (delta.signum() == 0) {
            return;
        }
        Credits to = credits;
        if (to == null) {
            throw SubProtocolException.temporary("node starting");
        }
        TransferResult result;
        try {
            result = to.credit(peer, delta.longValue(), key).toCompletableFuture()
                    .get(CREDIT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // Stored, not credited: the peer sends the same claim again, credited by its key.
            LOG.warning("event=evm_credit_unknown peer=" + peer.id() + " key=" + key + " " + e);
            throw SubProtocolException.temporary("credit not recorded yet; send it again");
        }
        if (!result.isSuccess() && result != TransferResult.EXISTS) {
            LOG.severe("event=evm_credit_failed peer=" + peer.id() + " key=" + key + " result="
                    + result);
            throw SubProtocolException.temporary("credit not recorded: " + result);
        }
    }

    private static SubProtocolException refused(String peerId, String why) {
        LOG.warning("event=evm_refused peer=" + peerId + " reason=" + why);
        return SubProtocolException.notAccepted(why);
    }
}
