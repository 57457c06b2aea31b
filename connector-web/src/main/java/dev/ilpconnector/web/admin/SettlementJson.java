package dev.ilpconnector.web.admin;

import dev.ilpconnector.ledger.AccountBalance;
import dev.ilpconnector.ledger.LedgerStatus;
import dev.ilpconnector.settlement.BalanceReport;
import dev.ilpconnector.settlement.ManualSettlement;
import dev.ilpconnector.settlement.SettlementPolicy;
import dev.ilpconnector.settlement.SettlementRequest;
import dev.ilpconnector.settlement.evm.EvmChannels;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.HexFormat;

/**
 * The JSON of balances, settlements and the ledger status; JSON-P only, so it is tested without
 * a server. Amounts are decimal strings: they reach 2^64 and beyond, past what a JSON number
 * keeps exactly in most clients.
 */
final class SettlementJson {

    /** The longest decimal amount we read: 2^64 - 1 has 20 digits. */
    private static final int AMOUNT_DIGITS_MAX = 20;
    /** The longest reference or reason we take: it is logged with the settlement. */
    private static final int TEXT_CHARS_MAX = 255;

    private SettlementJson() {
    }

    /**
     * A peer's balance: {@code balance} (posted, positive: we owe the peer), {@code pendingIn}
     * (held for the peer's packets to us and for our settlements to it), {@code pendingOut}
     * (held for our packets to it), {@code available} (what the limit is checked against),
     * {@code minBalance}, the settlement policy, {@code settlementInFlight} (its intent is part
     * of {@code pendingIn}), and the totals settled each way ({@code settledOut} by us,
     * {@code settledIn} by the peer).
     */
    static JsonObject balance(BalanceReport report) {
        AccountBalance b = report.balance();
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("peerId", report.peer().id())
                .add("assetCode", report.peer().assetCode())
                .add("assetScale", report.peer().assetScale())
                .add("balance", b.netPosted().toString())
                .add("pendingIn", b.debitsPending().toString())
                .add("pendingOut", b.creditsPending().toString())
                .add("available", b.available().toString())
                .add("minBalance", Long.toString(report.peer().minBalance()));
        SettlementPolicy policy = report.policy();
        if (policy == null) {
            json.add("settlementEnabled", false);
        } else {
            json.add("settlementEnabled", policy.enabled())
                    .add("settleThreshold", Long.toString(policy.threshold()))
                    .add("settleTo", Long.toString(policy.settleTo()));
        }
        return json.add("settlementInFlight", report.settlementInFlight().toString())
                .add("settledOut", report.settledOut().toString())
                .add("settledIn", report.settledIn().toString())
                .build();
    }

    /** A settlement waiting for the operator. */
    static JsonObject openSettlement(ManualSettlement.Open open) {
        SettlementRequest r = open.request();
        return Json.createObjectBuilder()
                .add("idempotencyKey", r.idempotencyKey())
                .add("peerId", r.peerId())
                .add("amount", Long.toUnsignedString(r.amount()))
                .add("assetCode", r.assetCode())
                .add("assetScale", r.assetScale())
                .add("requestedAt", open.requestedAt().toString())
                .build();
    }

    /** An incoming settlement as recorded; the same for every replay of its key. */
    static JsonObject incoming(String peerId, long amount, String key, String transferId) {
        return Json.createObjectBuilder()
                .add("peerId", peerId)
                .add("amount", Long.toUnsignedString(amount))
                .add("idempotencyKey", key)
                .add("transferId", transferId)
                .build();
    }

    static JsonObject ledger(LedgerStatus status) {
        JsonObjectBuilder counters = Json.createObjectBuilder();
        status.counters().forEach(counters::add);
        return Json.createObjectBuilder()
                .add("backend", status.backend())
                .add("durable", status.durable())
                .add("reachable", status.reachable())
                .add("detail", status.detail())
                .add("counters", counters)
                .build();
    }

    /**
     * The {@code amount} of a request body: a decimal string or an integer, 1..2^64-1.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static long amount(JsonObject body) {
        JsonValue value = body == null ? null : body.get("amount");
        String digits;
        if (value instanceof JsonString s) {
            digits = s.getString().strip();
        } else if (value instanceof JsonNumber n && n.isIntegral()) {
            digits = n.bigIntegerValue().toString();
        } else {
            throw new IllegalArgumentException("body must be {\"amount\": \"<base units>\"}");
        }
        if (digits.isEmpty() || digits.length() > AMOUNT_DIGITS_MAX
                || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("amount must be an integer 1..18446744073709551615");
        }
        long amount;
        try {
            amount = Long.parseUnsignedLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("amount must be an integer 1..18446744073709551615");
        }
        if (amount == 0) {
            throw new IllegalArgumentException("amount must be an integer 1..18446744073709551615");
        }
        return amount;
    }

    /**
     * An optional text field of a request body ({@code reference}, {@code reason}).
     *
     * @throws IllegalArgumentException when it is longer than 255 characters or holds a control
     *                                  character: it goes into a log line, where a line break
     *                                  would forge one
     */
    static String text(JsonObject body, String field, String fallback) {
        JsonValue value = body == null ? null : body.get(field);
        if (!(value instanceof JsonString s) || s.getString().isBlank()) {
            return fallback;
        }
        String text = s.getString();
        if (text.length() > TEXT_CHARS_MAX || text.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(field + " must be at most " + TEXT_CHARS_MAX
                    + " characters without line breaks or other control characters");
        }
        return text;
    }

    /** One direction of a peer's EVM channels; token amounts as decimal strings. */
    static JsonObject channel(EvmChannels.ChannelState s) {
        return Json.createObjectBuilder()
                .add("direction", s.direction())
                .add("channelId", s.channelId().toString())
                .add("state", s.state())
                .add("deposit", s.deposit().toString())
                .add("claimed", s.claimed().toString())
                .add("bestClaim", s.bestClaim().toString())
                .add("bestNonce", s.bestNonce().toString())
                .add("settleAt", s.settleAt())
                .add("bestSignature", "0x" + HexFormat.of().formatHex(s.bestSignature()))
                .build();
    }
}
