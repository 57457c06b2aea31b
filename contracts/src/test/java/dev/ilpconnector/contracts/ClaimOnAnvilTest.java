package dev.ilpconnector.contracts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * The Java tooling and the contract agree: a claim web3j signs as EIP-712 typed data
 * ({@code Sign.signTypedData}) is the digest {@code claimDigest} computes, anvil's own
 * {@code eth_signTypedData_v4} gives the same signature, and {@code claim} pays it out on a real
 * anvil; the same signature presented for another channel is refused.
 */
class ClaimOnAnvilTest {

    private static final BigInteger DEPOSIT = BigInteger.valueOf(50_000_000L);
    private static final long SETTLE_TIMEOUT_S = 600;

    private static Anvil anvil;
    private static ContractsDeployer.Deployment deployment;
    private static ContractsDeployer owner;
    private static Credentials senderKey;
    private static Credentials receiverKey;

    @BeforeAll
    static void deploy() throws IOException {
        anvil = Anvil.start();
        owner = new ContractsDeployer(anvil.web3j(), anvil.credentials(0), anvil.chainId());
        deployment = owner.deploy(ContractsDeployer.DEFAULT_SUPPLY);
        // the sender is dev account 0 itself, so anvil's eth_signTypedData_v4 can sign for it
        senderKey = anvil.credentials(0);
        receiverKey = anvil.credentials(1);
    }

    @AfterAll
    static void stop() {
        if (anvil != null) {
            anvil.close();
        }
    }

    @Test
    void deploymentIsWiredTogether() {
        assertEquals(deployment.tokenNetwork().toLowerCase(), single(deployment.registry(),
                "tokenNetworks", List.of(new Address(deployment.token())), Address.class)
                .toString().toLowerCase());
        assertEquals(deployment.token().toLowerCase(),
                single(deployment.tokenNetwork(), "token", List.of(), Address.class)
                        .toString().toLowerCase());
        assertEquals(BigInteger.valueOf(6),
                single(deployment.token(), "decimals", List.of(), Uint8.class).getValue());
        assertEquals(ContractsDeployer.DEFAULT_SUPPLY,
                owner.balanceOf(deployment.token(), owner.address()));
        assertEquals(Anvil.DEFAULT_CHAIN_ID, deployment.chainId());
    }

    @Test
    void web3jSignedTypedDataClaimIsPaidOut() throws IOException {
        BigInteger channelId = openChannel();
        BigInteger cumulative = BigInteger.valueOf(12_345_678L);
        String typedData = claimTypedData(channelId, cumulative, BigInteger.ONE);

        byte[] web3jDigest = new StructuredDataEncoder(typedData).hashStructuredData();
        byte[] contractDigest = (byte[]) single(deployment.tokenNetwork(), "claimDigest",
                List.of(new Uint256(channelId), new Uint256(cumulative), new Uint256(1)),
                Bytes32.class).getValue();
        assertArrayEquals(contractDigest, web3jDigest, "EIP-712 digest, web3j vs contract");

        byte[] signature = sign(typedData, senderKey);
        assertEquals(anvilSignature(typedData), Numeric.toHexString(signature),
                "web3j's signature vs anvil's eth_signTypedData_v4 for dev key 0");

        ContractsDeployer receiver = owner.withKey(receiverKey);
        BigInteger before = owner.balanceOf(deployment.token(), receiver.address());
        TransactionReceipt receipt = receiver.send(deployment.tokenNetwork(),
                claim(channelId, cumulative, BigInteger.ONE, signature));

        assertTrue(receipt.isStatusOK());
        assertEquals(before.add(cumulative),
                owner.balanceOf(deployment.token(), receiver.address()));
        List<Type> channel = owner.call(deployment.tokenNetwork(), getChannel(channelId));
        assertEquals(cumulative, channel.get(3).getValue(), "claimed");
        assertEquals(BigInteger.ONE, channel.get(4).getValue(), "lastNonce");
        assertEquals(BigInteger.ONE, channel.get(8).getValue(), "state open");
    }

    @Test
    void claimSignedForOneChannelIsRefusedForAnother() throws IOException {
        BigInteger channelA = openChannel();
        BigInteger channelB = openChannel();
        BigInteger cumulative = BigInteger.valueOf(1_000L);
        byte[] forA = sign(claimTypedData(channelA, cumulative, BigInteger.ONE), senderKey);
        ContractsDeployer receiver = owner.withKey(receiverKey);
        BigInteger before = owner.balanceOf(deployment.token(), receiver.address());

        ChainCallException refused = assertThrows(ChainCallException.class, () -> receiver.send(
                deployment.tokenNetwork(), claim(channelB, cumulative, BigInteger.ONE, forA)));

        assertTrue(refused.isError("InvalidSignature(address)"), refused.getMessage());
        assertEquals(before, owner.balanceOf(deployment.token(), receiver.address()));
    }

    private BigInteger openChannel() {
        owner.approve(deployment.token(), deployment.tokenNetwork(), DEPOSIT);
        TransactionReceipt receipt = owner.withKey(senderKey).send(deployment.tokenNetwork(),
                new Function("openChannel", List.of(new Address(receiverKey.getAddress()),
                        new Uint256(DEPOSIT), new Uint64(SETTLE_TIMEOUT_S)), List.of()));
        // ChannelOpened(uint256 indexed channelId, ...): topic 1 is the channel id
        return Numeric.toBigInt(receipt.getLogs().stream()
                .filter(l -> l.getAddress().equalsIgnoreCase(deployment.tokenNetwork()))
                .findFirst().orElseThrow().getTopics().get(1));
    }

    private static String claimTypedData(BigInteger channelId, BigInteger cumulative,
            BigInteger nonce) {
        return """
                {"types": {
                  "EIP712Domain": [{"name": "name", "type": "string"},
                    {"name": "version", "type": "string"}, {"name": "chainId", "type": "uint256"},
                    {"name": "verifyingContract", "type": "address"}],
                  "Claim": [{"name": "channelId", "type": "uint256"},
                    {"name": "cumulativeAmount", "type": "uint256"},
                    {"name": "nonce", "type": "uint256"}]},
                 "primaryType": "Claim",
                 "domain": {"name": "TokenNetwork", "version": "1", "chainId": %d,
                   "verifyingContract": "%s"},
                 "message": {"channelId": %s, "cumulativeAmount": %s, "nonce": %s}}
                """.formatted(deployment.chainId(), deployment.tokenNetwork(), channelId,
                cumulative, nonce);
    }

    private static byte[] sign(String typedData, Credentials key) throws IOException {
        Sign.SignatureData sig = Sign.signTypedData(typedData, key.getEcKeyPair());
        byte[] out = new byte[65];
        System.arraycopy(sig.getR(), 0, out, 0, 32);
        System.arraycopy(sig.getS(), 0, out, 32, 32);
        out[64] = sig.getV()[0];
        return out;
    }

    private static String anvilSignature(String typedData) throws IOException {
        HttpService http = new HttpService(anvil.rpcUrl());
        try {
            Anvil.RawResponse r = new Request<>("eth_signTypedData_v4",
                    List.of(senderKey.getAddress(), typedData), http, Anvil.RawResponse.class)
                    .send();
            return (String) r.getResult();
        } finally {
            http.close();
        }
    }

    private static Function claim(BigInteger channelId, BigInteger cumulative, BigInteger nonce,
            byte[] signature) {
        return new Function("claim", List.of(new Uint256(channelId), new Uint256(cumulative),
                new Uint256(nonce), new DynamicBytes(signature)), List.of());
    }

    private static Function getChannel(BigInteger channelId) {
        return new Function("getChannel", List.of(new Uint256(channelId)), List.of(
                new TypeReference<Address>() { }, new TypeReference<Address>() { },
                new TypeReference<Uint256>() { }, new TypeReference<Uint256>() { },
                new TypeReference<Uint256>() { }, new TypeReference<Uint64>() { },
                new TypeReference<Uint64>() { }, new TypeReference<Uint256>() { },
                new TypeReference<Uint8>() { }));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static <T extends Type> T single(String contract, String name, List<Type> inputs,
            Class<T> output) {
        Function f = new Function(name, inputs, List.of(TypeReference.create(output)));
        return (T) owner.call(contract, f).get(0);
    }
}
