package dev.ilpconnector.settlement.evm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ilpconnector.codec.btp.BtpProtocolData;
import dev.ilpconnector.packetswitch.SubProtocolException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.web3j.utils.Numeric;

/**
 * The EVM engine's BTP sub-protocols (docs/settlement-evm.md), JSON in a protocol data entry
 * of content type JSON; uint256 values as decimal strings, signatures as 0x-hex:
 * <ul>
 *   <li>{@code evm_info} (Message, at link-up): {@code {chainId, tokenNetwork, address}}</li>
 *   <li>{@code evm_channel} (Message): {@code {channelId}}, a channel opened to the peer</li>
 *   <li>{@code evm_claim} (Transfer): {@code {channelId, cumulativeAmount, nonce, signature}}</li>
 *   <li>{@code evm_close} (Message): a claim as above, the sender's last; the Response carries
 *       {@code {signature}}, the receiver's, for {@code cooperativeClose}</li>
 * </ul>
 * Anything malformed is a {@link SubProtocolException#invalidFields}.
 */
public final class EvmMessages {

    public static final String INFO = "evm_info";
    public static final String CHANNEL = "evm_channel";
    public static final String CLAIM = "evm_claim";
    public static final String CLOSE = "evm_close";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MESSAGE_BYTES_MAX = 4096;

    private EvmMessages() {
    }

    /** A peer's {@code evm_info}. */
    public record Info(long chainId, String tokenNetwork, String address) {
    }

    /** A claim and its signature as they travel. */
    public record SignedClaim(Claim claim, byte[] signature) {
    }

    public static List<BtpProtocolData> info(Info info) {
        ObjectNode o = JSON.createObjectNode();
        o.put("chainId", info.chainId());
        o.put("tokenNetwork", info.tokenNetwork());
        o.put("address", info.address());
        return entry(INFO, o);
    }

    public static List<BtpProtocolData> channel(BigInteger channelId) {
        ObjectNode o = JSON.createObjectNode();
        o.put("channelId", channelId.toString());
        return entry(CHANNEL, o);
    }

    public static List<BtpProtocolData> claim(String protocol, SignedClaim signed) {
        ObjectNode o = JSON.createObjectNode();
        o.put("channelId", signed.claim().channelId().toString());
        o.put("cumulativeAmount", signed.claim().cumulativeAmount().toString());
        o.put("nonce", signed.claim().nonce().toString());
        o.put("signature", Numeric.toHexString(signed.signature()));
        return entry(protocol, o);
    }

    public static List<BtpProtocolData> signature(String protocol, byte[] signature) {
        ObjectNode o = JSON.createObjectNode();
        o.put("signature", Numeric.toHexString(signature));
        return entry(protocol, o);
    }

    public static Info parseInfo(List<BtpProtocolData> data) {
        JsonNode o = parse(data, INFO);
        try {
            return new Info(Long.parseLong(text(o, "chainId")),
                    EvmAddress.parse(text(o, "tokenNetwork")), EvmAddress.parse(text(o,
                    "address")));
        } catch (IllegalArgumentException e) {
            throw SubProtocolException.invalidFields("evm_info: " + e.getMessage());
        }
    }

    public static BigInteger parseChannel(List<BtpProtocolData> data) {
        return uint(parse(data, CHANNEL), "channelId");
    }

    public static SignedClaim parseClaim(List<BtpProtocolData> data, String protocol) {
        JsonNode o = parse(data, protocol);
        try {
            return new SignedClaim(new Claim(uint(o, "channelId"), uint(o, "cumulativeAmount"),
                    uint(o, "nonce")), hex(o, "signature"));
        } catch (IllegalArgumentException e) {
            throw SubProtocolException.invalidFields(protocol + ": " + e.getMessage());
        }
    }

    public static byte[] parseSignature(List<BtpProtocolData> data, String protocol) {
        return hex(parse(data, protocol), "signature");
    }

    private static List<BtpProtocolData> entry(String protocol, ObjectNode o) {
        return List.of(new BtpProtocolData(protocol, BtpProtocolData.CONTENT_JSON,
                o.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode parse(List<BtpProtocolData> data, String protocol) {
        Optional<BtpProtocolData> entry = BtpProtocolData.find(data, protocol);
        if (entry.isEmpty()) {
            throw SubProtocolException.invalidFields("no " + protocol + " entry");
        }
        byte[] bytes = entry.get().data();
        if (bytes.length > MESSAGE_BYTES_MAX) {
            throw SubProtocolException.invalidFields(protocol + " above " + MESSAGE_BYTES_MAX
                    + " bytes");
        }
        try {
            JsonNode o = JSON.readTree(bytes);
            if (o == null || !o.isObject()) {
                throw SubProtocolException.invalidFields(protocol + " must be a JSON object");
            }
            return o;
        } catch (IOException e) {
            throw SubProtocolException.invalidFields(protocol + " is not JSON");
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !(v.isTextual() || v.isIntegralNumber())) {
            throw SubProtocolException.invalidFields("field " + field + " missing");
        }
        return v.asText();
    }

    private static BigInteger uint(JsonNode o, String field) {
        String s = text(o, field);
        if (s.isEmpty() || s.length() > 78 || !s.chars().allMatch(Character::isDigit)) {
            throw SubProtocolException.invalidFields("field " + field
                    + " must be a decimal uint256");
        }
        BigInteger v = new BigInteger(s);
        if (v.bitLength() > 256) {
            throw SubProtocolException.invalidFields("field " + field + " above uint256");
        }
        return v;
    }

    private static byte[] hex(JsonNode o, String field) {
        String s = text(o, field);
        if (!s.startsWith("0x") || s.length() != 2 + 2 * ClaimSignatures.SIGNATURE_BYTES
                || !s.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw SubProtocolException.invalidFields("field " + field
                    + " must be 65 bytes of 0x-hex");
        }
        return Numeric.hexStringToByteArray(s);
    }
}
