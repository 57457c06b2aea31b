import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * Business logic for the ILP connector's agent runtime, with nothing but the JDK: run it with
 * {@code PORT=8080 java BusinessLogic.java} (Java 17+) and point the node's BUSINESS_LOGIC_URL at
 * it. The agent calls {@code POST /handle-payment} once per STREAM packet with money,
 * {@code POST /payment-setup} once per SPSP query, and {@code GET /health}.
 */
public final class BusinessLogic {

    /** The largest amount one packet may carry here (agent asset units): MAX_PACKET_AMOUNT. */
    private static final BigInteger MAX_PACKET_AMOUNT = new BigInteger(
            System.getenv().getOrDefault("MAX_PACKET_AMOUNT", "1000000000"));

    /** What each payment has brought so far (in memory: use your database). */
    private static final Map<String, BigInteger> RECEIVED = new ConcurrentHashMap<>();

    private BusinessLogic() {
    }

    /** Called once per STREAM packet with money: accept to take it, refuse to bounce it. */
    static String handlePayment(Map<String, Object> request) {
        String paymentId = (String) request.get("paymentId");
        BigInteger amount = new BigInteger((String) request.get("amount"));
        if (amount.compareTo(MAX_PACKET_AMOUNT) > 0) {
            // codes: insufficient_funds (T04), expired (R00), invalid_request (F00),
            // invalid_amount (F03), unexpected_payment (F06), application_error (F99),
            // internal_error (T00)
            return "{\"accept\":false,\"rejectReason\":{\"code\":\"invalid_amount\","
                    + "\"message\":\"at most " + MAX_PACKET_AMOUNT + " per packet\"}}";
        }
        BigInteger total = RECEIVED.merge(paymentId, amount, BigInteger::add);
        System.out.println("paid paymentId=" + paymentId + " amount=" + amount + " total="
                + total + " metadata=" + request.get("metadata"));
        return "{\"accept\":true}";
    }

    /** Called for each SPSP query before a payment starts; ?product=sold-out is refused. */
    @SuppressWarnings("unchecked")
    static String paymentSetup(Map<String, Object> request) {
        Map<String, Object> query = (Map<String, Object>) request.get("queryParams");
        Object product = query == null ? null : query.get("product");
        if ("sold-out".equals(product)) {
            return "{\"allow\":false}";
        }
        return product == null ? "{\"allow\":true}"
                : "{\"allow\":true,\"metadata\":{\"product\":" + quote((String) product) + "}}";
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        String host = System.getenv().getOrDefault("HOST", "127.0.0.1");
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/handle-payment", exchange -> answer(exchange, "POST",
                BusinessLogic::handlePayment));
        server.createContext("/payment-setup", exchange -> answer(exchange, "POST",
                BusinessLogic::paymentSetup));
        server.createContext("/health", exchange -> answer(exchange, "GET",
                request -> "{\"status\":\"UP\"}"));
        // the agent calls concurrently and keeps its connections open
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        System.out.println("business logic listening on http://" + host + ":"
                + server.getAddress().getPort());
    }

    private interface Handler {
        String handle(Map<String, Object> request);
    }

    @SuppressWarnings("unchecked")
    private static void answer(HttpExchange exchange, String method, Handler handler)
            throws IOException {
        int status = 200;
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            if (!exchange.getRequestMethod().equals(method)) {
                status = 405;
                body = "{\"error\":\"method not allowed\"}";
            } else {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Object json = text.isBlank() ? Map.of() : new Json(text).value();
                body = handler.handle((Map<String, Object>) json);
            }
        } catch (RuntimeException e) {
            // a broken request or a bug: 500, which the agent answers T00 (the sender may retry)
            status = 500;
            body = "{\"error\":" + quote(String.valueOf(e.getMessage())) + "}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** A small JSON reader: objects to maps, arrays to lists, numbers kept as text. */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object value() {
            Object v = any();
            space();
            if (i != s.length()) {
                throw new IllegalArgumentException("trailing characters at " + i);
            }
            return v;
        }

        private Object any() {
            space();
            char c = peek();
            if (c == '{') {
                Map<String, Object> map = new LinkedHashMap<>();
                i++;
                space();
                if (peek() == '}') {
                    i++;
                    return map;
                }
                do {
                    space();
                    String key = string();
                    space();
                    expect(':');
                    map.put(key, any());
                    space();
                } while (take(','));
                expect('}');
                return map;
            }
            if (c == '[') {
                List<Object> list = new ArrayList<>();
                i++;
                space();
                if (peek() == ']') {
                    i++;
                    return list;
                }
                do {
                    list.add(any());
                    space();
                } while (take(','));
                expect(']');
                return list;
            }
            if (c == '"') {
                return string();
            }
            for (String word : new String[] {"true", "false", "null"}) {
                if (s.startsWith(word, i)) {
                    i += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            int start = i;
            while (i < s.length() && "+-.eE0123456789".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("unexpected '" + c + "' at " + i);
            }
            return s.substring(start, i);
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (peek() != '"') {
                char c = s.charAt(i++);
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> {
                            out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> out.append(e);
                    }
                } else {
                    out.append(c);
                }
            }
            i++;
            return out.toString();
        }

        private char peek() {
            if (i >= s.length()) {
                throw new IllegalArgumentException("unexpected end of JSON");
            }
            return s.charAt(i);
        }

        private boolean take(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!take(c)) {
                throw new IllegalArgumentException("expected '" + c + "' at " + i);
            }
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
