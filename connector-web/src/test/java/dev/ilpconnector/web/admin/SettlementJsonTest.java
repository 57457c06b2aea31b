package dev.ilpconnector.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.ledger.AccountBalance;
import dev.ilpconnector.ledger.LedgerStatus;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.Relation;
import dev.ilpconnector.settlement.BalanceReport;
import dev.ilpconnector.settlement.ManualSettlement;
import dev.ilpconnector.settlement.SettlementPolicy;
import dev.ilpconnector.settlement.SettlementRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettlementJsonTest {

    private final PeerConfig bob = new PeerConfig("bob", Relation.CHILD, Optional.empty(),
            Optional.of("token-never-shown"), "XRP", 9, -1L, -500L, List.of());

    @Test
    void balanceShowsEveryTotalPolicyAndInFlightAsDecimalStrings() {
        // posted 1500 - 100 = 1400 owed to bob; 1000 of it on its way (intent), 30 in, 20 out
        AccountBalance totals = new AccountBalance(BigInteger.valueOf(1030),
                BigInteger.valueOf(100), BigInteger.valueOf(20), BigInteger.valueOf(1500));
        // settlement account: 1000 pending to bob, 700 settled to bob, 300 settled by bob
        AccountBalance settlement = new AccountBalance(BigInteger.ZERO,
                BigInteger.valueOf(300), BigInteger.valueOf(1000), BigInteger.valueOf(700));
        JsonObject json = SettlementJson.balance(new BalanceReport(bob,
                new SettlementPolicy(true, 1000, 200), totals, settlement));

        assertEquals("bob", json.getString("peerId"));
        assertEquals("XRP", json.getString("assetCode"));
        assertEquals(9, json.getInt("assetScale"));
        assertEquals("1400", json.getString("balance"));
        assertEquals("1030", json.getString("pendingIn"));
        assertEquals("20", json.getString("pendingOut"));
        assertEquals("370", json.getString("available"));
        assertEquals("-500", json.getString("minBalance"));
        assertTrue(json.getBoolean("settlementEnabled"));
        assertEquals("1000", json.getString("settleThreshold"));
        assertEquals("200", json.getString("settleTo"));
        assertEquals("1000", json.getString("settlementInFlight"));
        assertEquals("700", json.getString("settledOut"));
        assertEquals("300", json.getString("settledIn"));
        assertFalse(json.toString().contains("token-never-shown"));
    }

    @Test
    void balanceBeyond64Bits() {
        BigInteger big = BigInteger.ONE.shiftLeft(70);
        AccountBalance totals = new AccountBalance(BigInteger.ZERO, BigInteger.ZERO,
                BigInteger.ZERO, big);
        AccountBalance none = AccountBalance.ofUnsigned64(0, 0, 0, 0);
        JsonObject json = SettlementJson.balance(new BalanceReport(bob, null, totals, none));

        assertEquals(big.toString(), json.getString("balance"));
        assertFalse(json.getBoolean("settlementEnabled"));
        assertFalse(json.containsKey("settleThreshold"));
    }

    @Test
    void openSettlement() {
        JsonObject json = SettlementJson.openSettlement(new ManualSettlement.Open(
                new SettlementRequest("out-bob-1", "bob", -1L, "XRP", 9),
                Instant.parse("2026-11-25T21:00:00Z"), new CompletableFuture<>()));

        assertEquals("out-bob-1", json.getString("idempotencyKey"));
        assertEquals("bob", json.getString("peerId"));
        assertEquals("18446744073709551615", json.getString("amount"), "unsigned");
        assertEquals("2026-11-25T21:00:00Z", json.getString("requestedAt"));
    }

    @Test
    void ledgerStatus() {
        JsonObject json = SettlementJson.ledger(new LedgerStatus("embedded", false, true,
                "in memory only"));

        assertEquals("embedded", json.getString("backend"));
        assertFalse(json.getBoolean("durable"));
        assertTrue(json.getBoolean("reachable"));
        assertEquals("in memory only", json.getString("detail"));
        assertTrue(json.getJsonObject("counters").isEmpty());
    }

    @Test
    void ledgerCountersAreNumbers() {
        JsonObject json = SettlementJson.ledger(new LedgerStatus("embedded", true, true, "j",
                Map.of("journalRecords", 54L, "journalFsyncs", 4L)));

        assertEquals(54, json.getJsonObject("counters").getJsonNumber("journalRecords")
                .longValueExact());
        assertEquals(4, json.getJsonObject("counters").getJsonNumber("journalFsyncs")
                .longValueExact());
    }

    @Test
    void amountAsStringOrInteger() {
        assertEquals(-1L, SettlementJson.amount(body("{\"amount\":\"18446744073709551615\"}")));
        assertEquals(500, SettlementJson.amount(body("{\"amount\":500}")));
        assertEquals(7, SettlementJson.amount(body("{\"amount\":\" 7 \"}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"amount\":\"0\"}", "{\"amount\":0}", "{\"amount\":\"-5\"}",
        "{\"amount\":\"18446744073709551616\"}", "{\"amount\":1.5}", "{\"amount\":\"1e3\"}",
        "{\"amount\":\"\"}", "{\"amount\":null}", "{\"amount\":\"+5\"}"})
    void badAmountsAreRefused(String json) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SettlementJson.amount(body(json)));
        assertTrue(e.getMessage().contains("amount"), e.getMessage());
    }

    @Test
    void noBodyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SettlementJson.amount(null));
    }

    @Test
    void referenceIsTakenOrDefaulted() {
        assertEquals("bank transfer 42", SettlementJson.text(
                body("{\"reference\":\"bank transfer 42\"}"), "reference", "fallback"));
        assertEquals("fallback", SettlementJson.text(body("{}"), "reference", "fallback"));
        assertEquals("fallback", SettlementJson.text(null, "reference", "fallback"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"reason\":\"late\\nevent=settlement_settled peer=bob\"}",
        "{\"reason\":\"tab\\there\"}"})
    void reasonWithControlCharactersIsRefused(String json) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SettlementJson.text(body(json), "reason", "fallback"));
        assertTrue(e.getMessage().contains("reason"), e.getMessage());
    }

    @Test
    void overlongReferenceIsRefused() {
        assertEquals("r".repeat(255), SettlementJson.text(
                body("{\"reference\":\"" + "r".repeat(255) + "\"}"), "reference", "f"));
        assertThrows(IllegalArgumentException.class, () -> SettlementJson.text(
                body("{\"reference\":\"" + "r".repeat(256) + "\"}"), "reference", "f"));
    }

    @Test
    void idempotencyKeysAreVisibleAsciiUpTo255Characters() {
        assertTrue(PeerAccountResource.isValidKey("wire-2026-11-25/0042"));
        assertTrue(PeerAccountResource.isValidKey("k".repeat(255)));
        assertFalse(PeerAccountResource.isValidKey(null));
        assertFalse(PeerAccountResource.isValidKey(""));
        assertFalse(PeerAccountResource.isValidKey("k".repeat(256)));
        assertFalse(PeerAccountResource.isValidKey("two words"));
        assertFalse(PeerAccountResource.isValidKey("forged\nevent=settlement_received"));
        assertFalse(PeerAccountResource.isValidKey("caf\u00e9"));
    }

    private static JsonObject body(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
