package dev.ilpconnector.stream;

/**
 * What {@link StreamReceiver#open} makes of a Prepare for a connection address:
 * {@link Undecryptable} (no STREAM reply possible), {@link Unfulfillable} (a STREAM reply,
 * no money: probes, wrong conditions, a busy receiver) or {@link Payable} (the caller decides,
 * e.g. asks the business logic, then fulfils or rejects).
 */
public sealed interface StreamPrepare permits Undecryptable, Unfulfillable, Payable {
}
