/**
 * The receiving end of STREAM (RFC 29) for SPSP (RFC 9), plain Java: the agent's
 * {@code LocalDelivery} and the explorer build on it; it knows nothing of HTTP, CDI or the
 * business logic. Imports no jakarta.* and no MicroProfile; of this project only
 * {@code codec.*}.
 *
 * <h2>API</h2>
 * <ul>
 * <li>{@link dev.ilpconnector.stream.StreamReceiver#StreamReceiver(byte[], java.time.Clock,
 *     int, java.time.Duration)}: a 32-byte server secret, a clock, the number of connections
 *     remembered at once, how long an idle one is remembered.</li>
 * <li>{@code newConnection(baseAddress, paymentId, Optional<ReceiptRequest>)} →
 *     {@link dev.ilpconnector.stream.StreamCredentials}: {@code destinationAccount} =
 *     base + "." + a token (AES-256-GCM under the server secret of a nonce, the payment id
 *     and the receipt nonce/secret; the JS server's layout) and the 32-byte
 *     {@code sharedSecret} re-derived from token and server secret, so a restart with the
 *     same secret keeps connections working.</li>
 * <li>{@code open(IlpPrepare, baseAddress, ReceiverAsset)} never throws for peer input and
 *     returns a {@link dev.ilpconnector.stream.StreamPrepare}:
 *     <ul>
 *     <li>{@link dev.ilpconnector.stream.Undecryptable}: {@code reject()} without data,
 *         <b>F02</b> when the address carries no token of ours (unknown or garbled: no such
 *         connection, as for any address that does not route), <b>F06</b> when the token is
 *         ours but the data does not decrypt or decode.</li>
 *     <li>{@link dev.ilpconnector.stream.Unfulfillable}: {@code reject()} with the encrypted
 *         STREAM reply (asset, StreamMaxMoney, amount arrived): <b>F99</b> for a probe or
 *         wrong condition, an amount below the sender's prepare amount, money without
 *         StreamMoney frames, too many streams; <b>T03</b> when the connection table is
 *         full of live connections. No business call.</li>
 *     <li>{@link dev.ilpconnector.stream.Payable}: {@code paymentId()},
 *         {@code connectionId()}, {@code amount()}, {@code frames()}, {@code streamData()};
 *         answer once with {@code fulfill()} (credits the streams, adds a receipt per
 *         credited stream when asked for) or {@code reject(code, message)} (credits
 *         nothing). A zero amount is payable without money: fulfil it without a business
 *         call.</li>
 *     </ul></li>
 * <li>{@code decrypt(prepare, response, baseAddress)} →
 *     {@link dev.ilpconnector.stream.StreamExchange} for the explorer; keys stay inside.</li>
 * </ul>
 *
 * <p>Behaviour: never sends packets (no rate probes); tells its asset when the sender
 * announces its address or the connection is new here, and an unlimited StreamMaxMoney per
 * stream in every reply; ignores unknown frames; forgets a connection whose sender sent
 * ConnectionClose (a later Prepare on it is admitted afresh). Thread-safe and non-blocking: a
 * ConcurrentHashMap of connections, per-connection totals under a lock held for a few map
 * operations; expired connections are swept at most once a second.
 */
package dev.ilpconnector.stream;
