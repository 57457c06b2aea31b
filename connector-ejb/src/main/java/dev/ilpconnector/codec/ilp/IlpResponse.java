package dev.ilpconnector.codec.ilp;

/** The answer to an ILP Prepare (RFC 27): a Fulfill or a Reject. */
public sealed interface IlpResponse extends IlpPacket permits IlpFulfill, IlpReject {
}
