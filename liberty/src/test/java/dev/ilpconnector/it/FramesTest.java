package dev.ilpconnector.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tests' own frame codec against vectors produced by the JS reference libraries
 * (btp-packet 2.2.1, ilp-packet 3.1.3, ilp-protocol-ildcp 2.2.3; ../shared/vectors).
 * If these fail, an IT failure would say nothing about the connector.
 */
class FramesTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] CONDITION_A =
            HEX.parseHex("68389fc771ca125c585811f7493d5f467395db1954a866baca78c52b6fb9c4e1");

    @Test
    void btpAuthMatchesIlpPluginBtp() {
        assertEquals("0600000001370103046175746800000d617574685f757365726e616d650105616c696365"
                        + "0a617574685f746f6b656e010c7365637265742d746f6b656e",
                HEX.formatHex(Frames.btpAuth(1, "alice", "secret-token")));
    }

    @Test
    void ilpPrepareMatchesIlpPacket() {
        byte[] prepare = Frames.ilpPrepare(107, Instant.parse("2017-12-23T01:21:40.549Z"),
                CONDITION_A, "example.alice", "hello world".getBytes());
        assertEquals("0c53000000000000006b3230313731323233303132313430353439"
                + "68389fc771ca125c585811f7493d5f467395db1954a866baca78c52b6fb9c4e1"
                + "0d6578616d706c652e616c6963650b68656c6c6f20776f726c64", HEX.formatHex(prepare));
        Frames.Prepare p = assertInstanceOf(Frames.Prepare.class, Frames.decodeIlp(prepare));
        assertEquals("example.alice", p.destination());
        assertEquals("20171223012140549", p.expiresAt());
    }

    @Test
    void longLengthPrefix() {
        String address = "g." + "b".repeat(126); // 128 chars: two-byte length 0x81 0x80
        byte[] prepare = Frames.ilpPrepare(107, Instant.parse("2017-12-23T01:21:40.549Z"),
                CONDITION_A, address, new byte[0]);
        assertEquals("0c81bc000000000000006b", HEX.formatHex(prepare, 0, 11));
        Frames.Prepare p = assertInstanceOf(Frames.Prepare.class, Frames.decodeIlp(prepare));
        assertEquals(address, p.destination());
    }

    @Test
    void btpResponseWithFulfill() {
        Frames.Btp btp = Frames.decodeBtp(HEX.parseHex("01000030392b010103696c7000230d215dca9544"
                + "eca7c4588ae3c2877232d4ffd853d03ace2db9313863644bd387871b00"));
        assertEquals(Frames.BTP_RESPONSE, btp.type());
        assertEquals(12345, btp.requestId());
        Frames.Fulfill f = assertInstanceOf(Frames.Fulfill.class,
                Frames.decodeIlp(btp.find("ilp").orElseThrow().data()));
        assertArrayEquals(CONDITION_A, Frames.sha256(f.fulfillment()));
    }

    @Test
    void btpError() {
        Frames.Btp btp = Frames.decodeBtp(HEX.parseHex("02000000013d463030104e6f74416363657074"
                + "65644572726f721332303137313232333031323134302e3534395a12696e76616c696420617574"
                + "685f746f6b656e0100"));
        assertEquals(Frames.BTP_ERROR, btp.type());
        assertEquals("F00", btp.errorCode());
        assertEquals("NotAcceptedError", btp.errorName());
        assertEquals("20171223012140.549Z", btp.triggeredAt());
        assertEquals(List.of(), btp.protocolData());
    }

    @Test
    void rejectF08WithData() {
        byte[] reject = HEX.parseHex("0e3d46303809746573742e636f6e6e1e6578636565646564206d617869"
                + "6d756d207061636b657420616d6f756e741000000000000003e80000000000000064");
        Frames.Reject r = assertInstanceOf(Frames.Reject.class, Frames.decodeIlp(reject));
        assertEquals("F08", r.code());
        assertEquals("test.conn", r.triggeredBy());
        assertArrayEquals(new long[] {1000, 100}, Frames.amountTooLarge(r.data()));
        assertArrayEquals(reject,
                Frames.ilpReject(r.code(), r.triggeredBy(), r.message(), r.data()));
    }

    @Test
    void ildcp() {
        assertEquals("0c460000000000000000323039393132333132333539353939393966687aadf862bd776c"
                        + "8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925"
                        + "0b706565722e636f6e66696700",
                HEX.formatHex(Frames.ildcpRequest(Instant.parse("2099-12-31T23:59:59.999Z"))));
        byte[] fulfill = HEX.parseHex("0d3800000000000000000000000000000000000000000000000000000000"
                + "000000001711672e75732e62616e6b2e636c69656e74310203555344");
        Frames.Fulfill f = assertInstanceOf(Frames.Fulfill.class, Frames.decodeIlp(fulfill));
        assertEquals(new Frames.Ildcp("g.us.bank.client1", 2, "USD"), Frames.decodeIldcp(f.data()));
    }
}
