package sparkbook.kernel.channels;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HMAC signatures of wire messages, as jupyter_client makes and checks them. */
class SignerTest {
    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void signsAsHmacSha256InLowerCaseHex() {
        // RFC 4231-style known answer: HMAC-SHA256(key="key", "The quick brown fox jumps over the lazy dog").
        Signer signer = new Signer("hmac-sha256", "key");
        assertEquals("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
                signer.sign(utf8("The quick brown fox "), utf8("jumps over the lazy dog")), "parts are signed as one stream");
    }

    @Test
    void roundTrip() {
        Signer signer = new Signer("hmac-sha256", "secret");
        byte[][] parts = {utf8("{\"msg_id\":\"1\"}"), utf8("{}"), utf8("{}"), utf8("{\"code\":\"1 + 1\"}")};
        String signature = signer.sign(parts);
        assertTrue(signer.verify(signature, parts));
        assertEquals(signature, signer.sign(parts), "signing twice gives the same signature");
    }

    @Test
    void badSignaturesAreRefused() {
        Signer signer = new Signer("hmac-sha256", "secret");
        byte[] content = utf8("{\"code\":\"1 + 1\"}");
        String good = signer.sign(content);
        assertFalse(signer.verify(good, utf8("{\"code\":\"System.exit(0)\"}")), "other content");
        assertFalse(new Signer("hmac-sha256", "other key").verify(good, content), "other key");
        assertFalse(signer.verify("", content), "no signature");
        assertFalse(signer.verify(good.toUpperCase(), content), "not the hex jupyter_client sends");
    }

    @Test
    void verifyComparesEveryCharacterWhateverTheLength() {
        // MessageDigest.isEqual compares in constant time; here: a difference anywhere, or in length, is refused.
        Signer signer = new Signer("hmac-sha256", "secret");
        byte[] content = utf8("payload");
        String good = signer.sign(content);
        for (int i = 0; i < good.length(); i++) {
            char flipped = good.charAt(i) == '0' ? '1' : '0';
            String bad = good.substring(0, i) + flipped + good.substring(i + 1);
            assertFalse(signer.verify(bad, content), "difference at " + i);
        }
        assertFalse(signer.verify(good.substring(0, 63), content), "one character short");
        assertFalse(signer.verify(good + "0", content), "one character long");
    }

    @Test
    void emptyKeyDisablesSigning() {
        Signer none = new Signer("hmac-sha256", "");
        assertFalse(none.enabled());
        assertEquals("", none.sign(utf8("anything")));
        assertTrue(none.verify("", utf8("anything")));
        assertTrue(none.verify("whatever a client sends", utf8("anything")));
    }

    @Test
    void otherSchemes() {
        assertEquals(40, new Signer("hmac-sha1", "k").sign(utf8("x")).length());
        assertEquals(128, new Signer("hmac-sha512", "k").sign(utf8("x")).length());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Signer("md5", "k"));
        assertTrue(e.getMessage().contains("md5"));
    }
}
