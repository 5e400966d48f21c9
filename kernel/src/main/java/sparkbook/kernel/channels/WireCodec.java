package sparkbook.kernel.channels;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Frames a {@link Message} to and from the multipart wire format, signing and verifying as it goes. */
public final class WireCodec {
    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    public static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    private final Signer signer;

    public WireCodec(Signer signer) {
        this.signer = signer;
    }

    public List<byte[]> encode(Message m) {
        byte[] header = utf8(GSON.toJson(m.header()));
        byte[] parent = utf8(GSON.toJson(m.parentHeader()));
        byte[] metadata = utf8(GSON.toJson(m.metadata()));
        byte[] content = utf8(GSON.toJson(m.content()));
        List<byte[]> frames = new ArrayList<>(m.identities().size() + 6 + m.buffers().size());
        frames.addAll(m.identities());
        frames.add(DELIMITER);
        frames.add(utf8(signer.sign(header, parent, metadata, content)));
        frames.add(header);
        frames.add(parent);
        frames.add(metadata);
        frames.add(content);
        frames.addAll(m.buffers());
        return frames;
    }

    /** The reason a frame list was refused, or the decoded message. */
    public sealed interface Decoded permits Accepted, Refused {}

    public record Accepted(Message message) implements Decoded {}

    public record Refused(String reason) implements Decoded {}

    public Decoded decode(List<byte[]> frames) {
        int delim = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (java.util.Arrays.equals(frames.get(i), DELIMITER)) {
                delim = i;
                break;
            }
        }
        if (delim < 0 || frames.size() < delim + 6) return new Refused("malformed message: no delimiter or too few frames");
        String signature = new String(frames.get(delim + 1), StandardCharsets.US_ASCII);
        byte[] header = frames.get(delim + 2), parent = frames.get(delim + 3),
                metadata = frames.get(delim + 4), content = frames.get(delim + 5);
        if (!signer.verify(signature, header, parent, metadata, content)) return new Refused("bad HMAC signature");
        try {
            return new Accepted(new Message(
                    List.copyOf(frames.subList(0, delim)),
                    object(header), object(parent), object(metadata), object(content),
                    List.copyOf(frames.subList(delim + 6, frames.size()))));
        } catch (JsonParseException | IllegalStateException e) {
            return new Refused("unparseable JSON: " + e.getMessage());
        }
    }

    private static JsonObject object(byte[] json) {
        String s = new String(json, StandardCharsets.UTF_8);
        return s.isBlank() ? new JsonObject() : JsonParser.parseString(s).getAsJsonObject();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
