package dev.ilpconnector.settlement.evm;

import dev.ilpconnector.settlement.LineJournal;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the EVM engine must not forget (SETTLEMENT_DIR/channels.log, every line fsynced before
 * it is acted on): our channels to peers, each claim we signed (before it goes over BTP, so a
 * restart resends the same bytes and never signs another amount at that nonce), the peers'
 * channels to us with the best claim of each, and the transaction sent for each idempotency
 * key, and each peer's account as its {@code evm_info} said. The log is replayed into memory at
 * open; all reads come from memory.
 */
public final class ChannelStore implements AutoCloseable {

    static final String FILE = "channels.log";
    private static final HexFormat HEX = HexFormat.of();

    private final LineJournal journal;
    private final Map<String, OutChannel> outByPeer = new HashMap<>();
    private final Map<String, OutClaim> claimByKey = new HashMap<>();
    private final Map<BigInteger, InChannel> inById = new HashMap<>();
    private final Map<String, String> txByKey = new HashMap<>();
    private final Map<String, String> addressByPeer = new HashMap<>();

    /** A channel we opened to {@code peerId}; {@code requested} in the peer's asset units. */
    public record OutChannel(String peerId, BigInteger channelId, BigInteger deposit,
                             long settleTimeout, BigInteger requested, OutClaim last,
                             boolean closed) {
    }

    /**
     * A claim we signed: {@code requested} is the channel's total requested (asset units) it
     * covers, {@code delta} what this settlement added.
     */
    public record OutClaim(String key, String peerId, Claim claim, byte[] signature,
                           BigInteger requested, BigInteger delta, boolean acked) {
    }

    /**
     * A peer's channel to us and the best claim it gave (null before the first);
     * {@code bestPrevious} is the cumulative amount the best claim replaced (what it added is
     * the difference, credited under its key).
     */
    public record InChannel(String peerId, BigInteger channelId, String sender,
                            BigInteger deposit, long settleTimeout, Claim best,
                            byte[] bestSignature, BigInteger bestPrevious, boolean closed) {
    }

    private ChannelStore(LineJournal journal) {
        this.journal = journal;
        for (List<String> line : journal.lines()) {
            apply(line);
        }
    }

    public static ChannelStore open(Path dir) throws IOException {
        return new ChannelStore(LineJournal.open(dir, FILE));
    }

    /** Forgets everything at close: for tests that need no restart. */
    public static ChannelStore inMemory() {
        return new ChannelStore(LineJournal.none());
    }

    public synchronized Optional<OutChannel> outChannel(String peerId) {
        return Optional.ofNullable(outByPeer.get(peerId)).filter(c -> !c.closed());
    }

    public synchronized Optional<OutClaim> claim(String key) {
        return Optional.ofNullable(claimByKey.get(key));
    }

    public synchronized Optional<InChannel> inChannel(BigInteger channelId) {
        return Optional.ofNullable(inById.get(channelId));
    }

    /** The peer's open channels to us. */
    public synchronized List<InChannel> inChannels(String peerId) {
        return inById.values().stream().filter(c -> c.peerId().equals(peerId)).toList();
    }

    public synchronized List<InChannel> inChannels() {
        return List.copyOf(inById.values());
    }

    public synchronized List<OutChannel> outChannels() {
        return List.copyOf(outByPeer.values());
    }

    /** Signed claims the peer has not acknowledged yet. */
    public synchronized List<OutClaim> unacked() {
        return claimByKey.values().stream().filter(c -> !c.acked() && c.signature() != null)
                .toList();
    }

    public synchronized Optional<String> tx(String key) {
        return Optional.ofNullable(txByKey.get(key));
    }

    /** The peer's account as its last {@code evm_info} said. */
    public synchronized Optional<String> peerAddress(String peerId) {
        return Optional.ofNullable(addressByPeer.get(peerId));
    }

    /** Records the peer's account; a line only when it is new or changed. */
    public synchronized void recordPeerAddress(String peerId, String address) {
        if (!address.equals(addressByPeer.get(peerId))) {
            write("PEERADDR", peerId, address);
        }
    }

    public synchronized void recordTx(String key, String hash) {
        write("TX", key, hash);
    }

    public synchronized void recordOpened(String peerId, BigInteger channelId,
                                          BigInteger deposit, long settleTimeout,
                                          BigInteger carried) {
        write("OPEN", peerId, channelId.toString(), deposit.toString(),
                Long.toString(settleTimeout), carried.toString());
    }

    public synchronized void recordDeposit(String peerId, BigInteger totalDeposit) {
        write("DEPOSIT", peerId, totalDeposit.toString());
    }

    /**
     * Records a claim we signed (before it is sent). Refuses a second claim at a nonce of the
     * channel that has one, or a claim not above the last: one amount per nonce, ever.
     */
    public synchronized void recordClaim(String key, String peerId, Claim claim,
                                         byte[] signature, BigInteger requested,
                                         BigInteger delta) {
        OutChannel channel = outByPeer.get(peerId);
        if (channel == null || !channel.channelId().equals(claim.channelId())) {
            throw new IllegalStateException("claim for a channel that is not ours to peer");
        }
        OutClaim last = channel.last();
        if (last != null && (claim.nonce().compareTo(last.claim().nonce()) <= 0
                || claim.cumulativeAmount().compareTo(last.claim().cumulativeAmount()) < 0)) {
            throw new IllegalStateException("claim nonce " + claim.nonce()
                    + " not above the last signed " + last.claim().nonce());
        }
        if (claimByKey.containsKey(key)) {
            throw new IllegalStateException("settlement " + key + " has its claim already");
        }
        write("CLAIM", key, peerId, claim.channelId().toString(),
                claim.cumulativeAmount().toString(), claim.nonce().toString(),
                HEX.formatHex(signature), requested.toString(), delta.toString());
    }

    /** A settlement covered without a new claim (below one token unit): carried forward. */
    public synchronized void recordCarried(String key, String peerId, BigInteger requested,
                                           BigInteger delta) {
        write("CARRY", key, peerId, requested.toString(), delta.toString());
    }

    public synchronized void recordAcked(String key) {
        write("ACK", key);
    }

    public synchronized void recordInChannel(String peerId, BigInteger channelId, String sender,
                                             BigInteger deposit, long settleTimeout) {
        write("INCHAN", peerId, channelId.toString(), sender, deposit.toString(),
                Long.toString(settleTimeout));
    }

    public synchronized void recordInDeposit(BigInteger channelId, BigInteger deposit) {
        write("INDEPOSIT", channelId.toString(), deposit.toString());
    }

    public synchronized void recordInClaim(Claim claim, byte[] signature, BigInteger previous) {
        write("INCLAIM", claim.channelId().toString(), claim.cumulativeAmount().toString(),
                claim.nonce().toString(), HEX.formatHex(signature), previous.toString());
    }

    /** The channel (ours or the peer's) is closed on chain: no more claims on it. */
    public synchronized void recordClosed(BigInteger channelId) {
        write("CLOSED", channelId.toString());
    }

    private void write(String... fields) {
        journal.append(fields);
        apply(List.of(fields));
    }

    @Override
    public void close() throws IOException {
        journal.close();
    }

    private void apply(List<String> f) {
        switch (f.get(0)) {
            case "TX" -> txByKey.put(f.get(1), f.get(2));
            case "PEERADDR" -> addressByPeer.put(f.get(1), f.get(2));
            case "OPEN" -> outByPeer.put(f.get(1), new OutChannel(f.get(1), num(f.get(2)),
                    num(f.get(3)), Long.parseLong(f.get(4)), num(f.get(5)), null, false));
            case "DEPOSIT" -> outByPeer.computeIfPresent(f.get(1), (p, c) -> new OutChannel(p,
                    c.channelId(), num(f.get(2)), c.settleTimeout(), c.requested(), c.last(),
                    c.closed()));
            case "CLAIM" -> {
                Claim claim = new Claim(num(f.get(3)), num(f.get(4)), num(f.get(5)));
                OutClaim out = new OutClaim(f.get(1), f.get(2), claim, HEX.parseHex(f.get(6)),
                        num(f.get(7)), num(f.get(8)), false);
                claimByKey.put(out.key(), out);
                outByPeer.computeIfPresent(out.peerId(), (p, c) -> new OutChannel(p,
                        c.channelId(), c.deposit(), c.settleTimeout(), out.requested(), out,
                        c.closed()));
            }
            case "CARRY" -> {
                OutClaim out = new OutClaim(f.get(1), f.get(2), null, null, num(f.get(3)),
                        num(f.get(4)), true);
                claimByKey.put(out.key(), out);
                outByPeer.computeIfPresent(out.peerId(), (p, c) -> new OutChannel(p,
                        c.channelId(), c.deposit(), c.settleTimeout(), out.requested(), c.last(),
                        c.closed()));
            }
            case "ACK" -> claimByKey.computeIfPresent(f.get(1), (k, c) -> new OutClaim(k,
                    c.peerId(), c.claim(), c.signature(), c.requested(), c.delta(), true));
            case "INCHAN" -> inById.put(num(f.get(2)), new InChannel(f.get(1), num(f.get(2)),
                    f.get(3), num(f.get(4)), Long.parseLong(f.get(5)), null, null, null, false));
            case "INDEPOSIT" -> inById.computeIfPresent(num(f.get(1)), (id, c) ->
                    new InChannel(c.peerId(), id, c.sender(), num(f.get(2)), c.settleTimeout(),
                            c.best(), c.bestSignature(), c.bestPrevious(), c.closed()));
            case "INCLAIM" -> inById.computeIfPresent(num(f.get(1)), (id, c) ->
                    new InChannel(c.peerId(), id, c.sender(), c.deposit(), c.settleTimeout(),
                            new Claim(id, num(f.get(2)), num(f.get(3))), HEX.parseHex(f.get(4)),
                            num(f.get(5)), c.closed()));
            case "CLOSED" -> {
                BigInteger id = num(f.get(1));
                inById.computeIfPresent(id, (k, c) -> new InChannel(c.peerId(), k, c.sender(),
                        c.deposit(), c.settleTimeout(), c.best(), c.bestSignature(),
                        c.bestPrevious(), true));
                outByPeer.replaceAll((p, c) -> c.channelId().equals(id) ? new OutChannel(p,
                        c.channelId(), c.deposit(), c.settleTimeout(), c.requested(), c.last(),
                        true) : c);
            }
            default -> throw new IllegalStateException("channel store: unknown line " + f);
        }
    }

    private static BigInteger num(String s) {
        return new BigInteger(s);
    }
}
