package sparkbook.kernel.channels;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The connection file Jupyter hands a kernel: where to bind and how to sign. */
public record ConnectionInfo(String transport, String ip, int shellPort, int controlPort, int stdinPort,
                             int iopubPort, int hbPort, String signatureScheme, String key) {

    public static ConnectionInfo read(Path file) throws IOException {
        JsonObject o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        return new ConnectionInfo(
                o.has("transport") ? o.get("transport").getAsString() : "tcp",
                o.get("ip").getAsString(),
                o.get("shell_port").getAsInt(),
                o.get("control_port").getAsInt(),
                o.get("stdin_port").getAsInt(),
                o.get("iopub_port").getAsInt(),
                o.get("hb_port").getAsInt(),
                o.has("signature_scheme") ? o.get("signature_scheme").getAsString() : "hmac-sha256",
                o.has("key") ? o.get("key").getAsString() : "");
    }

    /** Only the address named in the file: never a wildcard. */
    public String address(int port) {
        return "ipc".equals(transport) ? "ipc://" + ip + "-" + port : transport + "://" + ip + ":" + port;
    }
}
