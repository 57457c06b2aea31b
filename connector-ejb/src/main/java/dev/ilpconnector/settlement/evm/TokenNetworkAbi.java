package dev.ilpconnector.settlement.evm;

import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;

/**
 * The calls of the TokenNetwork, TokenNetworkRegistry and ERC-20 contracts (contracts/), encoded
 * with web3j's ABI encoder; no generated wrappers.
 */
public final class TokenNetworkAbi {

    /** {@code getChannel}'s {@code state}. */
    public static final int STATE_NONE = 0;
    public static final int STATE_OPEN = 1;
    public static final int STATE_CLOSED = 2;
    public static final int STATE_SETTLED = 3;

    public static final Event CHANNEL_OPENED = new Event("ChannelOpened", List.of(
            new TypeReference<Uint256>(true) { }, new TypeReference<Address>(true) { },
            new TypeReference<Address>(true) { }, new TypeReference<Uint256>() { },
            new TypeReference<Uint64>() { }));
    public static final Event CHANNEL_CLOSED = new Event("ChannelClosed", List.of(
            new TypeReference<Uint256>(true) { }, new TypeReference<Address>() { },
            new TypeReference<Uint256>() { }, new TypeReference<Uint256>() { },
            new TypeReference<Uint64>() { }));
    public static final String CHANNEL_OPENED_TOPIC = EventEncoder.encode(CHANNEL_OPENED);
    public static final String CHANNEL_CLOSED_TOPIC = EventEncoder.encode(CHANNEL_CLOSED);

    private TokenNetworkAbi() {
    }

    /** A channel as {@code getChannel} returns it. */
    public record ChannelView(String sender, String receiver, BigInteger deposit,
                              BigInteger claimed, BigInteger lastNonce, long settleTimeout,
                              long settleAt, BigInteger closedCumulative, int state) {

        @SuppressWarnings("rawtypes")
        static ChannelView of(List<Type> out) {
            return new ChannelView(((Address) out.get(0)).getValue(),
                    ((Address) out.get(1)).getValue(), (BigInteger) out.get(2).getValue(),
                    (BigInteger) out.get(3).getValue(), (BigInteger) out.get(4).getValue(),
                    ((BigInteger) out.get(5).getValue()).longValueExact(),
                    ((BigInteger) out.get(6).getValue()).longValueExact(),
                    (BigInteger) out.get(7).getValue(),
                    ((BigInteger) out.get(8).getValue()).intValueExact());
        }
    }

    public static Function getChannel(BigInteger channelId) {
        return new Function("getChannel", List.of(new Uint256(channelId)), List.of(
                new TypeReference<Address>() { }, new TypeReference<Address>() { },
                new TypeReference<Uint256>() { }, new TypeReference<Uint256>() { },
                new TypeReference<Uint256>() { }, new TypeReference<Uint64>() { },
                new TypeReference<Uint64>() { }, new TypeReference<Uint256>() { },
                new TypeReference<Uint8>() { }));
    }

    public static Function claimDigest(Claim claim) {
        return new Function("claimDigest", List.of(new Uint256(claim.channelId()),
                new Uint256(claim.cumulativeAmount()), new Uint256(claim.nonce())),
                List.of(new TypeReference<Bytes32>() { }));
    }

    public static Function token() {
        return new Function("token", List.of(), List.of(new TypeReference<Address>() { }));
    }

    public static Function tokenNetworks(String token) {
        return new Function("tokenNetworks", List.of(new Address(token)),
                List.of(new TypeReference<Address>() { }));
    }

    public static Function openChannel(String receiver, BigInteger deposit, long settleTimeout) {
        return new Function("openChannel", List.of(new Address(receiver), new Uint256(deposit),
                new Uint64(settleTimeout)), List.of(new TypeReference<Uint256>() { }));
    }

    public static Function deposit(BigInteger channelId, BigInteger totalDeposit) {
        return new Function("deposit", List.of(new Uint256(channelId),
                new Uint256(totalDeposit)), List.of());
    }

    public static Function claim(Claim claim, byte[] signature) {
        return claimCall("claim", claim, signature);
    }

    public static Function closeChannel(Claim claim, byte[] signature) {
        return claimCall("closeChannel", claim, signature);
    }

    public static Function updateClaim(Claim claim, byte[] signature) {
        return claimCall("updateClaim", claim, signature);
    }

    public static Function cooperativeClose(Claim claim, byte[] senderSignature,
                                            byte[] receiverSignature) {
        return new Function("cooperativeClose", List.of(new Uint256(claim.channelId()),
                new Uint256(claim.cumulativeAmount()), new Uint256(claim.nonce()),
                new DynamicBytes(senderSignature), new DynamicBytes(receiverSignature)),
                List.of());
    }

    public static Function settleChannel(BigInteger channelId) {
        return new Function("settleChannel", List.of(new Uint256(channelId)), List.of());
    }

    public static Function approve(String spender, BigInteger amount) {
        return new Function("approve", List.of(new Address(spender), new Uint256(amount)),
                List.of(new TypeReference<org.web3j.abi.datatypes.Bool>() { }));
    }

    public static Function balanceOf(String account) {
        return new Function("balanceOf", List.of(new Address(account)),
                List.of(new TypeReference<Uint256>() { }));
    }

    public static Function decimals() {
        return new Function("decimals", List.of(), List.of(new TypeReference<Uint8>() { }));
    }

    private static Function claimCall(String name, Claim claim, byte[] signature) {
        return new Function(name, List.of(new Uint256(claim.channelId()),
                new Uint256(claim.cumulativeAmount()), new Uint256(claim.nonce()),
                new DynamicBytes(signature)), List.of());
    }
}
