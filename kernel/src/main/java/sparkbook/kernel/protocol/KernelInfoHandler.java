package sparkbook.kernel.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import sparkbook.kernel.channels.Channel;
import sparkbook.kernel.channels.Message;
import sparkbook.kernel.channels.MessageFactory;

/** kernel_info: answered at once, before JShell or Spark are warm. */
public final class KernelInfoHandler implements RequestHandler {
    public static final String VERSION = "0.1.0";
    private final MessageFactory messages;

    public KernelInfoHandler(MessageFactory messages) {
        this.messages = messages;
    }

    @Override
    public void handle(Message request, Channel channel) {
        channel.send(messages.reply(request, "kernel_info_reply", content()));
    }

    static JsonObject content() {
        JsonObject lang = new JsonObject();
        lang.addProperty("name", "java");
        lang.addProperty("version", System.getProperty("java.version"));
        lang.addProperty("mimetype", "text/x-java");
        lang.addProperty("file_extension", ".jsh");
        lang.addProperty("codemirror_mode", "text/x-java");
        lang.addProperty("pygments_lexer", "java");
        JsonObject c = new JsonObject();
        c.addProperty("status", "ok");
        c.addProperty("protocol_version", MessageFactory.PROTOCOL_VERSION);
        c.addProperty("implementation", "sparkbook");
        c.addProperty("implementation_version", VERSION);
        c.add("language_info", lang);
        c.addProperty("banner", "sparkbook " + VERSION + ": Java " + System.getProperty("java.version")
                + " through JShell, with a live Spark StreamingContext");
        c.addProperty("debugger", false);
        JsonArray links = new JsonArray();
        JsonObject spark = new JsonObject();
        spark.addProperty("text", "Spark Streaming guide");
        spark.addProperty("url", "https://spark.apache.org/docs/latest/streaming-programming-guide.html");
        links.add(spark);
        c.add("help_links", links);
        return c;
    }
}
