/**
 * The operator's business logic, seen from the agent: {@code POST /handle-payment} per paid
 * STREAM packet, the optional {@code POST /payment-setup} per SPSP query, {@code GET /health}
 * (the TypeScript agent's API, docs/agent.md). Calls are asynchronous, bounded in number and
 * time; every failure of the business logic becomes a decision ({@code T00} naming the cause),
 * never a Fulfill.
 *
 * <p>{@link dev.ilpconnector.agent.callback.BusinessLogicClient} holds the rules and is plain
 * Java; {@link dev.ilpconnector.agent.callback.RestTransport} is the one class that speaks HTTP
 * (MicroProfile REST Client built with {@code RestClientBuilder}, never {@code @RestClient}
 * injection: Payara bug #7655).
 */
package dev.ilpconnector.agent.callback;
