package dev.ilpconnector.telemetry;

/** The asset a peer's amounts are in, as the packet log shows it. */
public record Asset(String code, int scale) {
}
