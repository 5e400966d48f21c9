package sparkbook.kernel;

import sparkbook.kernel.interpreter.JShellInterpreter;
import sparkbook.kernel.protocol.Contents;
import sparkbook.kernel.protocol.ErrorReply;
import sparkbook.kernel.protocol.Status;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the classes a kernel start and its first cells load, then exits. The installer runs it with
 * -XX:ArchiveClassesAtExit to write the class-data-sharing archive the kernelspec uses.
 */
public final class Warmup {
    private Warmup() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("sparkbook-warmup-");
        try (org.zeromq.ZContext z = new org.zeromq.ZContext(1);
             JShellInterpreter interpreter = new JShellInterpreter(dir.resolve("classes"), () -> { })) {
            z.createSocket(org.zeromq.SocketType.ROUTER).close();
            for (String s : SparkbookKernel.STARTUP) interpreter.eval(s);
            interpreter.eval("int x = 1 + 1;\nString s = \"a\" + x;\ns.length()");
            interpreter.complete("Sys", 3);
            new com.google.gson.Gson().toJson(new com.google.gson.JsonObject());
            // Typed contents go through Gson's record reflection: archived, the first status and reply cost less.
            Contents.toJson(Status.STARTING);
            Contents.toJson(new ErrorReply("Warmup", "none"));
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
