/**
 * The explorer's live feed: {@code ws://host/explorer/feed?ticket=...}, JSON text messages
 * from the node's {@code telemetry.Explorer} pump (docs/explorer.md). This package only adapts
 * the container's WebSocket session; queues, rates and tickets live in the core's telemetry
 * package. It must not import the web module's admin or BTP classes.
 */
package dev.ilpconnector.explorer.feed;
