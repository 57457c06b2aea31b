package dev.ilpconnector.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.DefaultBlockParameterName;

/** The anvil fixture: a real node that answers, keeps its chain across an outage, and stops. */
class AnvilTest {

    private static final String BURN = "0x000000000000000000000000000000000000dEaD";

    @Test
    void startsOnAFreePortWithTheChainIdAskedForAndStopsByPid() throws IOException {
        long pid;
        try (Anvil anvil = Anvil.start(31337)) {
            pid = anvil.pid();
            assertEquals(BigInteger.valueOf(31337), anvil.web3j().ethChainId().send().getChainId());
            assertTrue(anvil.rpcUrl().startsWith("http://127.0.0.1:"));
            assertEquals(10, anvil.privateKeys().size());
            // dev key 0 is the well-known one the seed's sample EVM_PRIVATE_KEY uses
            assertEquals("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
                    anvil.credentials(0).getAddress());
        }
        Optional<ProcessHandle> after = ProcessHandle.of(pid);
        assertFalse(after.isPresent() && after.get().isAlive(), "anvil pid " + pid + " is gone");
    }

    @Test
    void twoNodesRunSideBySide() throws IOException {
        try (Anvil a = Anvil.start(); Anvil b = Anvil.start()) {
            assertTrue(a.port() != b.port());
        }
    }

    @Test
    void restartedNodeKeepsItsChainAndPort() throws IOException {
        try (Anvil anvil = Anvil.start()) {
            ContractsDeployer owner = new ContractsDeployer(anvil.web3j(), anvil.credentials(0),
                    anvil.chainId());
            owner.sendEther(BURN, BigInteger.valueOf(1234));
            String url = anvil.rpcUrl();

            anvil.stopNode();
            assertEquals(-1, anvil.pid());
            assertThrows(IOException.class, () -> anvil.web3j().ethBlockNumber().send(),
                    "a stopped node refuses connections");

            anvil.restartNode();
            assertEquals(url, anvil.rpcUrl());
            assertEquals(BigInteger.valueOf(1234), anvil.web3j()
                    .ethGetBalance(BURN, DefaultBlockParameterName.LATEST).send().getBalance());
        }
    }

    @Test
    void revertToASnapshotUndoesLaterTransactions() throws IOException {
        try (Anvil anvil = Anvil.start()) {
            ContractsDeployer owner = new ContractsDeployer(anvil.web3j(), anvil.credentials(0),
                    anvil.chainId());
            String before = anvil.snapshot();
            owner.sendEther(BURN, BigInteger.valueOf(99));
            anvil.revertTo(before);
            assertEquals(BigInteger.ZERO, anvil.web3j()
                    .ethGetBalance(BURN, DefaultBlockParameterName.LATEST).send().getBalance());
            assertThrows(IOException.class, () -> anvil.revertTo(before), "used up");
        }
    }

    @Test
    void increaseTimeMovesTheChainClock() throws IOException {
        try (Anvil anvil = Anvil.start()) {
            long before = anvil.blockTimestamp();
            anvil.increaseTime(3_600);
            assertTrue(anvil.blockTimestamp() >= before + 3_600);
        }
    }
}
