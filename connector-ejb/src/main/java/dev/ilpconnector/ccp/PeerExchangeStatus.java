package dev.ilpconnector.ccp;

import java.time.Instant;
import java.util.UUID;

/**
 * Route exchange with one peer as it stands, for operators ({@code GET /admin/routes}).
 *
 * @param linkUp          the peer's link is up
 * @param sendMode        what the peer asked of us: {@code IDLE} or {@code SYNC}
 * @param sendEpoch       the epoch of our table the peer has (as far as we know)
 * @param receiveTableId  the peer's routing table we follow (all zeros: none yet)
 * @param receiveEpoch    the epoch of that table we have
 * @param routes          how many routes the peer announces to us now
 * @param routesExpireAt  when they go unless the peer speaks again (null: no routes)
 */
public record PeerExchangeStatus(boolean linkUp, String sendMode, long sendEpoch,
                                 UUID receiveTableId, long receiveEpoch, int routes,
                                 Instant routesExpireAt) {
}
