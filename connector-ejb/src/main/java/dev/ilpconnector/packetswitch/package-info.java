/**
 * The packet switch (RFC 27 connector behaviour): one Prepare in, one Fulfill or Reject out.
 * Validation, routing, exchange, expiry budget, accounting and forwarding happen here, in the order
 * declared once in {@link dev.ilpconnector.packetswitch.PacketSwitch}.
 *
 * <p>Plain Java: imports no {@code jakarta.*}; never imports the web, admin, explorer or chain
 * adapters. Links to peers come in through {@link dev.ilpconnector.packetswitch.Link}.
 */
package dev.ilpconnector.packetswitch;
