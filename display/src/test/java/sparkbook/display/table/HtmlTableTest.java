package sparkbook.display.table;

import org.junit.jupiter.api.Test;
import sparkbook.display.Html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlTableTest {
    @Test
    void everyValueIsEscaped() {
        Table table = Table.builder("<b>name</b>", "value")
                .caption("a \"caption\" & more")
                .row("<script>alert(1)</script>", "it's")
                .note("<i>note</i>")
                .build();
        String html = HtmlTable.render(table);
        assertFalse(html.contains("<script>"));
        assertFalse(html.contains("<b>") || html.contains("<i>"));
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(html.contains("it&#39;s") && html.contains("&quot;caption&quot; &amp; more"));
    }

    @Test
    void escapeHandlesAttributesAndNull() {
        assertEquals("&lt;a href=&quot;x&quot;&gt;", Html.escape("<a href=\"x\">"));
        assertEquals("null", Html.escape(null));
    }

    @Test
    void stylesAreThemeNeutral() {
        String html = HtmlTable.render(Table.builder("a").row(1).build());
        assertFalse(html.matches("(?s).*background:\\s*(#fff|white|#000|black).*"));
        assertTrue(html.contains("color:inherit"));
    }

    @Test
    void stylesFollowJupyterLabsThemeWithFallbacks() {
        String html = HtmlTable.render(Table.builder("a").row(1).build());
        assertTrue(html.contains("color:var(--jp-content-font-color1,inherit)"), html);
        assertTrue(html.contains("background:var(--jp-layout-color2,rgba(128,128,128,0.12))"), html);
    }

    @Test
    void columnsOfNumbersAndMeasuresAreRightAlignedAndOthersAreNot() {
        String html = HtmlTable.render(Table.builder("word", "count", "took", "note")
                .row("spark", 12_000L, "12 ms", "1 s ago")
                .row(java.util.Arrays.asList("42", 3L, "4.2 KB", null))
                .row(java.util.Arrays.asList("a", null, "98%", "-3.5")).build());
        boolean[] numeric = HtmlTable.numericColumns(Table.builder("word", "count", "took", "note")
                .row("spark", 12_000L, "12 ms", "1 s ago").row(java.util.Arrays.asList("42", 3L, "4.2 KB", null)).row(java.util.Arrays.asList("a", null, "98%", "-3.5")).build());
        assertTrue(!numeric[0] && numeric[1] && numeric[2] && !numeric[3], java.util.Arrays.toString(numeric));
        assertEquals(6, html.split("text-align:right", -1).length - 1, "3 rows of 2 right-aligned columns: " + html);
    }

    @Test
    void aValueCutShortShowsWholeOnHover() {
        String longValue = "x".repeat(CellText.MAX_CHARS + 50) + "<end>";
        String html = HtmlTable.render(Table.builder("v").row(longValue).row("short").build());
        assertTrue(html.contains(" title=\"" + "x".repeat(CellText.MAX_CHARS + 50) + "&lt;end&gt;\""), html);
        assertEquals(1, html.split(" title=", -1).length - 1, "only the cut value has a hover text");
    }

    @Test
    void textLooksLikeSparkShow() {
        String text = TextTable.render(Table.builder("word", "count").row("spark", 3L).row("a", 12_000L).build());
        assertEquals("""
                +-----+------+
                | word| count|
                +-----+------+
                |spark|     3|
                |    a|12,000|
                +-----+------+
                """, text);
    }
}
