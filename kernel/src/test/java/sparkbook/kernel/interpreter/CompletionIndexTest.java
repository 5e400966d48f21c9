package sparkbook.kernel.interpreter;

import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JShell's completion index held back, then built (the surefire JVM opens jdk.jshell as the kernel's does). */
class CompletionIndexTest {

    @Test
    void subpackagesAreCompletedOnceTheHeldBackIndexIsBuilt(@TempDir Path classes) throws IOException {
        // only the index knows subpackages: javac lists a package's classes, not the packages under it
        Path inner = Files.createDirectories(classes.resolve("zzq/inner"));
        Files.write(inner.resolve("A.class"), new byte[0]);
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            // as the kernel does: the class path set before the analysis exists (JShellInterpreter says why)
            shell.addToClasspath(System.getProperty("java.class.path"));
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            CompletionIndex index = CompletionIndex.deferred(analysis);
            try {
                shell.addToClasspath(classes.toString());

                assertFalse(index.started());
                assertFalse(completions(analysis, "zzq.inn").contains("inner."), "indexed while held back");

                assertTrue(index.build(), "JShell let the kernel wait for its index");
                assertTrue(index.started());
                assertTrue(completions(analysis, "zzq.inn").contains("inner."), completions(analysis, "zzq.inn").toString());
            } finally {
                index.start(); // JShell's indexing thread serves every JShell of this JVM
            }
        }
    }

    private static List<String> completions(SourceCodeAnalysis analysis, String code) {
        return analysis.completionSuggestions(code, code.length(), new int[1]).stream()
                .map(SourceCodeAnalysis.Suggestion::continuation).toList();
    }
}
