package sparkbook.kernel.magic;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a magic line is split into a name and arguments: as a shell would, quotes keeping words together. */
class MagicLineTest {

    @Test
    void lineAndCellMagics() {
        assertEquals(new MagicLine("spark", List.of("master=local[2]", "batch=500ms"), false),
                MagicLine.parse("  %spark master=local[2]   batch=500ms").orElseThrow());
        assertEquals(new MagicLine("stream", List.of(), true), MagicLine.parse("%%stream").orElseThrow());
    }

    @Test
    void quotesKeepSpacesAndEscapedQuotes() {
        MagicLine m = MagicLine.parse("%classpath \"my jars/a b.jar\" 'single quoted' plain \"say \\\"hi\\\"\" \"\"").orElseThrow();
        assertEquals(List.of("my jars/a b.jar", "single quoted", "plain", "say \"hi\"", ""), m.args());
        assertEquals(List.of("it's"), MagicLine.parse("%x \"it's\"").orElseThrow().args());
        assertEquals(List.of("ab"), MagicLine.parse("%x a'b'").orElseThrow().args(), "adjacent quoted text joins the word");
    }

    @Test
    void notMagics() {
        assertEquals(Optional.empty(), MagicLine.parse("%"));
        assertEquals(Optional.empty(), MagicLine.parse("% 5"));
        assertEquals(Optional.empty(), MagicLine.parse("%5d"));
        assertEquals(Optional.empty(), MagicLine.parse("x % 3"));
        assertFalse(MagicLine.parse("%%").isPresent());
        assertTrue(MagicLine.parse("%time x % 3").isPresent());
    }

    @Test
    void rawArgsKeepJavaAsWritten() {
        assertEquals("sc.parallelize(List.of(1, 2)).count()", MagicLine.rawArgs("%time   sc.parallelize(List.of(1, 2)).count()"));
        assertEquals("", MagicLine.rawArgs("%%stream"));
    }

    @Test
    void whatIsAMagicLine() {
        assertTrue(MagicLine.startsMagic("  %st"), "a magic still being typed");
        assertTrue(MagicLine.startsMagic("%"));
        assertFalse(MagicLine.startsMagic("x % 2"));
        assertTrue(MagicLine.isCellMagic("\n  %%time\nint x = 1;"));
        assertFalse(MagicLine.isCellMagic("%time\n%%time"));
        assertTrue(MagicLine.cursorOnMagic("int x = 1;\n%cla", 15));
        assertFalse(MagicLine.cursorOnMagic("%time x\nString.val", 18));
        assertFalse(MagicLine.cursorOnMagic("\nint x = 1;", 0), "the cursor at the start of a cell beginning with a newline");
        assertTrue(MagicLine.cursorOnMagic("%lsm\n", 4));
    }

    @Test
    void javaOnlyBlanksMagicLinesAndKeepsLineNumbers() {
        assertEquals("\nint x = sc.hashCode();\n\nx", MagicLine.javaOnly("%time\nint x = sc.hashCode();\n  %stream start\nx"));
        assertEquals("\nsc.parallelize(List.of(1)).count()", MagicLine.javaOnly("%%time\nsc.parallelize(List.of(1)).count()"));
        assertEquals("int y = 7\n% 3;", MagicLine.javaOnly("int y = 7\n% 3;"), "a % with no name after it is Java");
    }
}
