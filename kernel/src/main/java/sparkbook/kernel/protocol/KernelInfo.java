package sparkbook.kernel.protocol;

import sparkbook.kernel.channels.MessageFactory;

import java.util.List;

/** The content of kernel_info_reply: who the kernel is and the language it speaks. */
final class KernelInfo {
    static final MessageType<Reply> REPLY = new MessageType<>("kernel_info_reply");

    private KernelInfo() {}

    record Reply(String status, String protocolVersion, String implementation, String implementationVersion,
                 LanguageInfo languageInfo, String banner, boolean debugger, List<HelpLink> helpLinks) {
        /** This kernel: sparkbook {@code version}, Java as the running JVM has it. */
        static Reply of(String version) {
            String java = System.getProperty("java.version");
            return new Reply("ok", MessageFactory.PROTOCOL_VERSION, "sparkbook", version,
                    new LanguageInfo("java", java, "text/x-java", ".jsh", "text/x-java", "java"),
                    "sparkbook " + version + ": Java " + java + " through JShell, with a live Spark StreamingContext",
                    false,
                    List.of(new HelpLink("Spark Streaming guide", "https://spark.apache.org/docs/latest/streaming-programming-guide.html")));
        }
    }

    record LanguageInfo(String name, String version, String mimetype, String fileExtension, String codemirrorMode,
                        String pygmentsLexer) {}

    record HelpLink(String text, String url) {}
}
