package sparkbook.kernel.channels;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/** HMAC signing and verification of wire messages; an empty key disables signing, as the spec says. */
public final class Signer {
    private final String algorithm;
    private final byte[] key;
    private final ThreadLocal<Mac> macs;

    public Signer(String scheme, String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
        this.algorithm = switch (scheme) {
            case "hmac-sha256" -> "HmacSHA256";
            case "hmac-sha1" -> "HmacSHA1";
            case "hmac-sha512" -> "HmacSHA512";
            default -> throw new IllegalArgumentException("Unsupported signature scheme " + scheme);
        };
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean enabled() {
        return key.length > 0;
    }

    public String sign(byte[]... parts) {
        if (!enabled()) return "";
        Mac mac = macs.get();
        for (byte[] p : parts) mac.update(p);
        return HexFormat.of().formatHex(mac.doFinal());
    }

    /** Constant-time comparison, so a forger learns nothing from timing. */
    public boolean verify(String signature, byte[]... parts) {
        if (!enabled()) return true;
        byte[] expected = sign(parts).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }
}
