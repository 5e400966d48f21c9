package sparkbook.kernel.channels;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Messages to and from the multipart wire format: identities, delimiter, signature, four JSON parts, buffers. */
class WireCodecTest {
    final MessageFactory factory = new MessageFactory();

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    Message executeRequest(String code) {
        JsonObject content = new JsonObject();
        content.addProperty("code", code);
        return new Message(List.of(bytes("client-1")), factory.header("execute_request"), new JsonObject(),
                new JsonObject(), content, List.of(new byte[]{1, 2, 3}));
    }

    @Test
    void roundTrip() {
        WireCodec codec = new WireCodec(new Signer("hmac-sha256", "secret"));
        Message sent = executeRequest("String s = \"é ☃ <b>\";");
        List<byte[]> frames = codec.encode(sent);
        assertArrayEquals(bytes("client-1"), frames.get(0));
        assertArrayEquals(bytes("<IDS|MSG>"), frames.get(1));
        assertEquals(64, frames.get(2).length, "hex HMAC-SHA256");

        Message got = assertInstanceOf(WireCodec.Accepted.class, codec.decode(frames)).message();
        assertEquals("execute_request", got.type());
        assertEquals(sent.id(), got.id());
        assertEquals("String s = \"é ☃ <b>\";", got.contentString("code", null));
        assertArrayEquals(bytes("client-1"), got.identities().get(0));
        assertArrayEquals(new byte[]{1, 2, 3}, got.buffers().get(0));
        assertTrue(new String(frames.get(6), StandardCharsets.UTF_8).contains("<b>"), "no HTML escaping in JSON");
    }

    @Test
    void aTamperedMessageIsRefused() {
        WireCodec codec = new WireCodec(new Signer("hmac-sha256", "secret"));
        List<byte[]> frames = new ArrayList<>(codec.encode(executeRequest("1 + 1")));
        frames.set(6, bytes("{\"code\":\"System.exit(0)\"}"));
        WireCodec.Refused refused = assertInstanceOf(WireCodec.Refused.class, codec.decode(frames));
        assertEquals("bad HMAC signature", refused.reason());
    }

    @Test
    void aMessageSignedWithAnotherKeyIsRefused() {
        List<byte[]> forged = new WireCodec(new Signer("hmac-sha256", "not the key")).encode(executeRequest("1"));
        assertInstanceOf(WireCodec.Refused.class, new WireCodec(new Signer("hmac-sha256", "secret")).decode(forged));
    }

    @Test
    void malformedFramesAreRefusedNotThrown() {
        WireCodec codec = new WireCodec(new Signer("hmac-sha256", "secret"));
        assertInstanceOf(WireCodec.Refused.class, codec.decode(List.of(bytes("no delimiter"))));
        assertInstanceOf(WireCodec.Refused.class, codec.decode(List.of(bytes("<IDS|MSG>"), bytes("sig"))));
        WireCodec unsigned = new WireCodec(new Signer("hmac-sha256", ""));
        List<byte[]> badJson = List.of(bytes("<IDS|MSG>"), bytes(""), bytes("{not json"), bytes("{}"), bytes("{}"), bytes("{}"));
        WireCodec.Refused r = assertInstanceOf(WireCodec.Refused.class, unsigned.decode(badJson));
        assertTrue(r.reason().startsWith("unparseable JSON"), r.reason());
    }

    @Test
    void emptyKeySendsAnEmptySignatureAndAcceptsAny() {
        WireCodec unsigned = new WireCodec(new Signer("hmac-sha256", ""));
        List<byte[]> frames = new ArrayList<>(unsigned.encode(executeRequest("1")));
        assertEquals(0, frames.get(2).length);
        frames.set(2, bytes("deadbeef"));
        assertInstanceOf(WireCodec.Accepted.class, unsigned.decode(frames));
    }

    @Test
    void emptyPartsDecodeAsEmptyObjects() {
        WireCodec unsigned = new WireCodec(new Signer("hmac-sha256", ""));
        List<byte[]> frames = List.of(bytes("<IDS|MSG>"), bytes(""), bytes("{\"msg_type\":\"kernel_info_request\"}"),
                bytes(""), bytes("{}"), bytes("{}"));
        Message m = assertInstanceOf(WireCodec.Accepted.class, unsigned.decode(frames)).message();
        assertEquals("kernel_info_request", m.type());
        assertEquals(0, m.parentHeader().size());
        assertTrue(m.identities().isEmpty());
    }
}
