package dev.ilpconnector.settlement.evm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ilpconnector.codec.btp.BtpProtocolData;
import dev.ilpconnector.config.ConfigException;
import dev.ilpconnector.config.EvmChainCheck;
import dev.ilpconnector.config.EvmSettlementConfig;
import dev.ilpconnector.config.EvmSettlementConfig.NetworkMode;
import dev.ilpconnector.contracts.Anvil;
import dev.ilpconnector.contracts.ContractJson;
import dev.ilpconnector.contracts.ContractsDeployer;
import dev.ilpconnector.ledger.TransferResult;
import dev.ilpconnector.packetswitch.SubProtocolException;
import dev.ilpconnector.packetswitch.SubProtocols;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.Relation;
import dev.ilpconnector.settlement.evm.ChannelStore.InChannel;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * The EVM engine against a real chain: anvil with the project's contracts. Node B (anvil's
 * dev key 2) receives claims over its sub-protocol handlers from peer "alice", whose account
 * is dev key 1 and who opens channels to B with her own {@link TokenNetworkClient}.
 */
class EvmChainTest {

    private static final long MIN_SETTLE_TIMEOUT_S = 60;
    private static Anvil anvil;
    private static ContractsDeployer owner;
    private static ContractsDeployer.Deployment chain;

    @TempDir
    Path dir;

    private final PeerConfig alice = new PeerConfig("alice", Relation.CHILD, Optional.empty(),
            Optional.of("t"), "USD", 6, -1L, 0, List.of());
    private final List<String> credited = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService executor;
    private EvmSettlementConfig bConfig;
    private EvmRpc rpc;
    private ChannelStore bStore;
    private TokenNetworkClient aliceClient;
    private TokenNetworkClient bClient;
    private SubProtocols bProtocols;
    private EvmKey aliceKey;
    private EvmKey bKey;

    @BeforeAll
    static void chain() throws Exception {
        anvil = Anvil.start();
        owner = new ContractsDeployer(anvil.web3j(), anvil.credentials(0), anvil.chainId());
        chain = owner.deploy(ContractsDeployer.DEFAULT_SUPPLY);
        owner.fund(chain.token(), anvil.credentials(1).getAddress(),
                BigInteger.valueOf(1_000_000_000_000L));
    }

    @AfterAll
    static void stopChain() {
        if (anvil != null) {
            anvil.close();
        }
    }

    @BeforeEach
    void nodeB() throws Exception {
        executor = Executors.newScheduledThreadPool(2);
        aliceKey = EvmKey.parse(anvil.privateKeys().get(1));
        bKey = EvmKey.parse(anvil.privateKeys().get(2));
        bConfig = config(bKey);
        rpc = new EvmRpc(anvil.rpcUrl(), Duration.ofSeconds(5), anvil.chainId());
        bStore = ChannelStore.open(dir.resolve("b"));
        bClient = new TokenNetworkClient(rpc, bKey, chain.tokenNetwork(),
                chain.token(), bStore, Duration.ofSeconds(20));
        EvmIncoming incoming = new EvmIncoming(bConfig, bClient, bStore, 6,
                id -> id.equals("alice") ? Optional.of(alice) : Optional.empty(), executor,
                new PeerAddresses(bStore), java.util.Set.of("alice"));
        incoming.creditTo((peer, amount, key) -> {
            credited.add(peer.id() + " " + amount + " " + key);
            return CompletableFuture.completedFuture(TransferResult.OK);
        });
        bProtocols = new SubProtocols();
        incoming.register(bProtocols);
        aliceClient = new TokenNetworkClient(rpc, aliceKey, chain.tokenNetwork(), chain.token(),
                ChannelStore.open(dir.resolve("alice")), Duration.ofSeconds(20));
        message(EvmMessages.info(new EvmMessages.Info(anvil.chainId(), chain.tokenNetwork(),
                aliceKey.address())));
    }

    @AfterEach
    void stop() throws Exception {
        executor.shutdownNow();
        bStore.close();
        rpc.close();
    }

    // ------------------------------------------------------------------ demand 12

    @Test
    void ourDigestIsTheContractsAndOurSignatureIsAnvils() throws Exception {
        Claim claim = new Claim(BigInteger.valueOf(42), BigInteger.valueOf(987_654_321),
                BigInteger.valueOf(17));
        ClaimDomain domain = new ClaimDomain(anvil.chainId(), chain.tokenNetwork());

        assertArrayEquals(aliceClient.claimDigest(claim), ClaimSignatures.digest(domain, claim));
        EvmKey dev0 = EvmKey.parse(anvil.privateKeys().get(0));
        Object typedData = new ObjectMapper().readValue(domain.typedData(claim), Map.class);
        String anvils = new Request<>("eth_signTypedData_v4", List.of(dev0.address(),
                typedData), new HttpService(anvil.rpcUrl()), Anvil.RawResponse.class)
                .send().getResult().toString();
        assertEquals(anvils, Numeric.toHexString(ClaimSignatures.sign(domain, claim, dev0)));
    }

    // ------------------------------------------------------------------ start-up checks

    @Test
    void theChainMustAgreeWithTheConfig() {
        EvmKey other = EvmKey.parse(
                "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
        EvmSettlementConfig mainnet = new EvmSettlementConfig(NetworkMode.MAINNET,
                anvil.rpcUrl(), chain.token(), chain.registry(), other, Duration.ofSeconds(60),
                Duration.ofSeconds(60), BigInteger.TEN, Duration.ofSeconds(5));
        assertEquals("network.mode", assertThrows(ConfigException.class,
                () -> EvmChainCheck.check(mainnet, rpc)).key());

        String lonelyToken = owner.deploy(ContractJson.load(ContractJson.M2M_TOKEN),
                new Uint256(BigInteger.TEN));
        ConfigException noNetwork = assertThrows(ConfigException.class, () -> EvmChainCheck
                .check(withAddresses(lonelyToken, chain.registry()), rpc));
        assertEquals("m2m.token.address", noNetwork.key());
        assertTrue(noNetwork.getMessage().contains("has no TokenNetwork"), noNetwork.getMessage());

        String nothing = "0x00000000000000000000000000000000000000aa";
        assertEquals("m2m.token.address", assertThrows(ConfigException.class,
                () -> EvmChainCheck.check(withAddresses(nothing, chain.registry()), rpc)).key());
        assertEquals("token.network.registry", assertThrows(ConfigException.class,
                () -> EvmChainCheck.check(withAddresses(chain.token(), nothing), rpc)).key());

        EvmChainCheck.Facts facts = EvmChainCheck.check(bConfig, rpc);
        assertEquals(EvmAddress.parse(chain.tokenNetwork()), facts.tokenNetwork());
        assertEquals(6, facts.decimals());
    }

    // ------------------------------------------------------------------ incoming claims

    @Test
    void onlyAClaimAboveTheBestIsCreditedAndOnlyItsDelta() throws Exception {
        BigInteger channel = open(BigInteger.valueOf(1_000), MIN_SETTLE_TIMEOUT_S);

        transfer(5, signed(aliceKey, channel, 3, 1)); // TRANSFER says 5, the claim adds 3
        assertEquals(List.of("alice 3 evm:84532:" + channel + ":1"), credited);

        refused("not above the best", signed(aliceKey, channel, 4, 1));
        refused("not above the best", signed(aliceKey, channel, 3, 2));
        refused("not above the best", signed(aliceKey, channel, 2, 5));
        transfer(0, signed(aliceKey, channel, 10, 2));
        assertEquals("alice 7 evm:84532:" + channel + ":2", credited.get(1));
        assertEquals(2, credited.size(), "nothing credited for the refused ones");
    }

    @Test
    void aClaimAboveTheDepositWaitsForTheTopUp() throws Exception {
        BigInteger channel = open(BigInteger.valueOf(100), MIN_SETTLE_TIMEOUT_S);

        refused("above the deposit", signed(aliceKey, channel, 150, 1));
        owner.withKey(anvil.credentials(1)).approve(chain.token(), chain.tokenNetwork(),
                BigInteger.valueOf(100));
        aliceClient.deposit("top-up", channel, BigInteger.valueOf(100), BigInteger.valueOf(200));
        transfer(150, signed(aliceKey, channel, 150, 1));

        assertEquals(List.of("alice 150 evm:84532:" + channel + ":1"), credited);
    }

    @Test
    void aClaimForAnotherChainContractOrChannelIsRefused() throws Exception {
        BigInteger channel = open(BigInteger.valueOf(1_000), MIN_SETTLE_TIMEOUT_S);
        BigInteger otherChannel = open(BigInteger.valueOf(1_000), MIN_SETTLE_TIMEOUT_S);
        Claim claim = new Claim(channel, BigInteger.TEN, BigInteger.ONE);

        refused("not signed by the channel's sender", new EvmMessages.SignedClaim(claim,
                ClaimSignatures.sign(new ClaimDomain(31_337, chain.tokenNetwork()), claim,
                        aliceKey)));
        refused("not signed by the channel's sender", new EvmMessages.SignedClaim(claim,
                ClaimSignatures.sign(new ClaimDomain(anvil.chainId(), chain.registry()), claim,
                        aliceKey)));
        EvmMessages.SignedClaim forA = signed(aliceKey, channel, 10, 1);
        refused("not signed by the channel's sender", new EvmMessages.SignedClaim(
                new Claim(otherChannel, BigInteger.TEN, BigInteger.ONE), forA.signature()));
        refused("not signed by the channel's sender", signed(bKey, channel, 10, 1));
        assertTrue(credited.isEmpty());
    }

    @Test
    void theHighSTwinOfAnAcceptedClaimIsNotCreditedTwice() throws Exception {
        BigInteger channel = open(BigInteger.valueOf(1_000), MIN_SETTLE_TIMEOUT_S);
        EvmMessages.SignedClaim accepted = signed(aliceKey, channel, 10, 1);
        transfer(10, accepted);

        byte[] twin = accepted.signature().clone();
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(twin, 32, 64));
        byte[] highS = org.web3j.crypto.Sign.CURVE_PARAMS.getN().subtract(s).toByteArray();
        System.arraycopy(highS, highS.length - 32, twin, 32, 32);
        twin[64] = (byte) (twin[64] == 27 ? 28 : 27);

        refused("not above the best", new EvmMessages.SignedClaim(accepted.claim(), twin));
        assertEquals(1, credited.size());
    }

    @Test
    void aChannelNotToUsOrWithAShortWindowIsRefused() throws Exception {
        BigInteger shortWindow = open(BigInteger.valueOf(1_000), MIN_SETTLE_TIMEOUT_S - 1);
        refusedChannel("settle timeout 59 s is below our minimum 60 s", shortWindow);

        TokenNetworkClient toSomeoneElse = aliceClient;
        owner.withKey(anvil.credentials(1)).approve(chain.token(), chain.tokenNetwork(),
                BigInteger.valueOf(1_000));
        BigInteger notOurs = toSomeoneElse.openChannel("k-" + System.nanoTime(),
                anvil.credentials(3).getAddress(), BigInteger.valueOf(1_000),
                MIN_SETTLE_TIMEOUT_S);
        refusedChannel("does not pay us", notOurs);
        refused("not open", signed(aliceKey, BigInteger.valueOf(999_999), 1, 1));
        assertTrue(credited.isEmpty());
    }

    @Test
    void aClosedChannelTakesNoMoreClaims() throws Exception {
        BigInteger channel = open(BigInteger.valueOf(1_000), MIN_SETTLE_TIMEOUT_S);
        transfer(5, signed(aliceKey, channel, 5, 1));
        aliceClient.send("close-" + channel, TokenNetworkAbi.closeChannel(
                new Claim(channel, BigInteger.ZERO, BigInteger.ZERO), new byte[0]));
        new ChannelWatcher(new TokenNetworkClient(rpc, bKey, chain.tokenNetwork(),
                chain.token(), bStore, Duration.ofSeconds(20)), bStore, executor,
                Duration.ofSeconds(60)).pass();

        refused("is closed", signed(aliceKey, channel, 9, 2));
        BigInteger reopened = open(BigInteger.valueOf(1_000), MIN_SETTLE_TIMEOUT_S);
        refused("not signed by the channel's sender", new EvmMessages.SignedClaim(
                new Claim(reopened, BigInteger.valueOf(5), BigInteger.ONE),
                signed(aliceKey, channel, 5, 1).signature()));
        assertEquals(1, credited.size());
    }

    // ------------------------------------------------------------------ demand 9: the watcher

    @Test
    void aCloseOnAnOldClaimIsAnsweredWithOurBestJustBeforeTheWindowEnds() throws Exception {
        BigInteger channel = open(BigInteger.valueOf(1_000), MIN_SETTLE_TIMEOUT_S);
        EvmMessages.SignedClaim third = sendClaims(channel, 7);
        BigInteger before = bClient.tokenBalance(bKey.address());
        // alice, who holds her key, closes on claim 3 while B holds claim 7
        aliceClient.send("close-" + channel, TokenNetworkAbi.closeChannel(third.claim(),
                third.signature()));
        ChannelWatcher watcher = new ChannelWatcher(bClient, bStore, executor,
                Duration.ofMinutes(1));

        anvil.increaseTime(MIN_SETTLE_TIMEOUT_S - 5); // the window less ε: still open
        watcher.pass();
        TokenNetworkAbi.ChannelView view = bClient.channel(channel);
        assertEquals(BigInteger.valueOf(70), view.closedCumulative());
        assertEquals(BigInteger.valueOf(7), view.lastNonce());

        anvil.increaseTime(10); // past settleAt: the next pass settles
        watcher.pass();
        assertEquals(TokenNetworkAbi.STATE_SETTLED, bClient.channel(channel).state());
        assertEquals(before.add(BigInteger.valueOf(70)), bClient.tokenBalance(bKey.address()),
                "the receiver gets cumulative 7");
    }

    @Test
    void pastTheWindowOurUpdateWouldRevertAndIsNotSent() throws Exception {
        BigInteger channel = open(BigInteger.valueOf(1_000), MIN_SETTLE_TIMEOUT_S);
        EvmMessages.SignedClaim third = sendClaims(channel, 7);
        BigInteger before = bClient.tokenBalance(bKey.address());
        aliceClient.send("close-" + channel, TokenNetworkAbi.closeChannel(third.claim(),
                third.signature()));
        anvil.increaseTime(MIN_SETTLE_TIMEOUT_S + 1); // the window plus ε: too late

        InChannel held = bStore.inChannel(channel).orElseThrow();
        assertThrows(TokenNetworkClient.RevertedException.class, () -> bClient.send(
                "late-" + channel, TokenNetworkAbi.updateClaim(held.best(),
                        held.bestSignature())));
        new ChannelWatcher(bClient, bStore, executor, Duration.ofMinutes(1)).pass();
        assertEquals(TokenNetworkAbi.STATE_SETTLED, bClient.channel(channel).state());
        assertEquals(before.add(BigInteger.valueOf(30)), bClient.tokenBalance(bKey.address()));
    }

    /** Claims 1..n (cumulative 10 × nonce) accepted by B; returns claim 3. */
    private EvmMessages.SignedClaim sendClaims(BigInteger channel, int n) throws Exception {
        EvmMessages.SignedClaim third = null;
        for (int nonce = 1; nonce <= n; nonce++) {
            EvmMessages.SignedClaim claim = signed(aliceKey, channel, 10L * nonce, nonce);
            transfer(0, claim);
            if (nonce == 3) {
                third = claim;
            }
        }
        return third;
    }

    @Test
    void malformedDataIsABtpErrorNotACredit() {
        List<BtpProtocolData> junk = List.of(new BtpProtocolData(EvmMessages.CLAIM,
                BtpProtocolData.CONTENT_JSON, "{\"channelId\":\"x\"}".getBytes(
                        StandardCharsets.UTF_8)));
        SubProtocolException e = assertThrows(SubProtocolException.class,
                () -> bProtocols.handlerFor(junk).onTransfer("alice", 1, junk));
        assertEquals("F01", e.code());
        assertTrue(credited.isEmpty());
    }

    // ------------------------------------------------------------------ helpers

    private EvmSettlementConfig config(EvmKey key) {
        return new EvmSettlementConfig(NetworkMode.TESTNET, anvil.rpcUrl(), chain.token(),
                chain.registry(), key, Duration.ofSeconds(MIN_SETTLE_TIMEOUT_S),
                Duration.ofSeconds(MIN_SETTLE_TIMEOUT_S), BigInteger.valueOf(1_000),
                Duration.ofSeconds(5));
    }

    private EvmSettlementConfig withAddresses(String token, String registry) {
        return new EvmSettlementConfig(NetworkMode.TESTNET, anvil.rpcUrl(), token, registry,
                bKey, Duration.ofSeconds(60), Duration.ofSeconds(60), BigInteger.TEN,
                Duration.ofSeconds(5));
    }

    /** alice opens a channel to B. */
    private BigInteger open(BigInteger deposit, long settleTimeout) throws Exception {
        return aliceClient.openChannel("open-" + System.nanoTime(), bKey.address(), deposit,
                settleTimeout);
    }

    private EvmMessages.SignedClaim signed(EvmKey key, BigInteger channel, long cumulative,
                                           long nonce) {
        Claim claim = new Claim(channel, BigInteger.valueOf(cumulative),
                BigInteger.valueOf(nonce));
        return new EvmMessages.SignedClaim(claim, ClaimSignatures.sign(
                new ClaimDomain(anvil.chainId(), chain.tokenNetwork()), claim, key));
    }

    private void transfer(long amount, EvmMessages.SignedClaim claim) throws Exception {
        List<BtpProtocolData> data = EvmMessages.claim(EvmMessages.CLAIM, claim);
        bProtocols.handlerFor(data).onTransfer("alice", amount, data).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    private void message(List<BtpProtocolData> data) throws Exception {
        bProtocols.handlerFor(data).onMessage("alice", data).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    private void refused(String why, EvmMessages.SignedClaim claim) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> transfer(1, claim));
        SubProtocolException refusal = (SubProtocolException) e.getCause();
        assertEquals("F00", refusal.code());
        assertTrue(refusal.getMessage().contains(why), refusal.getMessage());
    }

    private void refusedChannel(String why, BigInteger channel) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> message(EvmMessages.channel(channel)));
        assertTrue(e.getCause().getMessage().contains(why), e.getCause().getMessage());
    }
}
