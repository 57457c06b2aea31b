package dev.ilpconnector.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;

class BtpUrlTest {

    @Test
    void splitsCredentialsFromTheWebSocketUri() {
        BtpUrl url = BtpUrl.parse("btp+ws://alice:s3cret@127.0.0.1:7768/btp");
        assertEquals(URI.create("ws://127.0.0.1:7768/btp"), url.webSocketUri());
        assertEquals("alice", url.username());
        assertEquals("s3cret", url.token());
    }

    @Test
    void acceptsEmptyUsernameTlsAndEncodedCharacters() {
        BtpUrl url = BtpUrl.parse("btp+wss://:p%40ss@conn.example:443");
        assertEquals("wss", url.webSocketUri().getScheme());
        assertEquals("", url.username());
        assertEquals("p@ss", url.token());
    }

    @Test
    void toStringMasksTheToken() {
        String shown = BtpUrl.parse("btp+ws://alice:s3cret@127.0.0.1:7768/btp").toString();
        assertEquals("btp+ws://alice:***@127.0.0.1:7768/btp", shown);
        assertFalse(shown.contains("s3cret"));
    }

    @Test
    void refusesUrlsWithoutTokenOrOfOtherSchemes() {
        assertThrows(IllegalArgumentException.class, () -> BtpUrl.parse("ws://a:b@h:1"));
        assertThrows(IllegalArgumentException.class, () -> BtpUrl.parse("btp+ws://h:1"));
        assertThrows(IllegalArgumentException.class, () -> BtpUrl.parse("btp+ws://alice:@h:1"));
        assertThrows(IllegalArgumentException.class, () -> BtpUrl.parse("btp+ws://a:b@/x"));
    }
}
