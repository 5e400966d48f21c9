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
