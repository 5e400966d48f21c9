package sparkbook.display.chart;

import sparkbook.display.MimeBundle;
import sparkbook.display.Mime;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlotTest {
    record Sizes(int batch, String input, long updateStateByKey, long mapWithState) {}

    static final List<Sizes> ROWS = List.of(new Sizes(1, "a b", 2, 2), new Sizes(2, "c", 3, 3), new Sizes(3, "", 3, 1));

    @Test
    void barsOfTwoColumnsOfRecordsAsSvgAndVegaLite() {
        MimeBundle d = Plot.bars("Keys in state", ROWS, "batch", "updateStateByKey", "mapWithState");
        String svg = (String) d.get(Mime.SVG);
        assertTrue(svg.startsWith("<svg") && svg.contains("Keys in state"), svg.substring(0, 200));
        assertTrue(svg.contains("updateStateByKey") && svg.contains("mapWithState"), "a legend names both series");
        assertNull(d.get(Mime.HTML), "no HTML, so JupyterLab shows the Vega-Lite");
        @SuppressWarnings("unchecked")
        Map<String, Object> vega = (Map<String, Object>) d.get(Mime.VEGA_LITE);
        assertEquals(VegaLite.SCHEMA, vega.get("$schema"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> values = (List<Map<String, Object>>) ((Map<String, Object>) vega.get("data")).get("values");
        assertEquals(Map.of("batch", 3, "updateStateByKey", 3L, "mapWithState", 1L), values.get(2));
        assertEquals("Keys in state: updateStateByKey, mapWithState by batch, 3 rows", d.get(Mime.TEXT));
    }

    record Centre(int cluster, double x, double y) {}

    @Test
    void pointsColouredByAColumnAsSvgAndVegaLite() {
        List<Centre> centres = List.of(new Centre(0, -4.9, 0.1), new Centre(1, 5.2, -0.3));
        MimeBundle d = Plot.points("Cluster centres", centres, "x", "y", "cluster");
        String svg = (String) d.get(Mime.SVG);
        assertTrue(svg.startsWith("<svg") && svg.contains("Cluster centres"), svg.substring(0, 200));
        @SuppressWarnings("unchecked")
        Map<String, Object> vega = (Map<String, Object>) d.get(Mime.VEGA_LITE);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> values = (List<Map<String, Object>>) ((Map<String, Object>) vega.get("data")).get("values");
        assertEquals(Map.of("x", 5.2, "y", -0.3, "cluster", "1"), values.get(1));
        assertEquals("Cluster centres: y against x by cluster, 2 points", d.get(Mime.TEXT));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plot.points("t", ROWS, "batch", "input", null));
        assertTrue(e.getMessage().startsWith("Column \"input\" holds String values (a b), not numbers"), e.getMessage());
    }

    @Test
    void linesOfTuples() {
        var points = List.of(new Tuple2<>("12:00:01", 5), new Tuple2<>("12:00:02", 8));
        MimeBundle d = Plot.lines("Records per batch", points, "_1", "_2");
        assertTrue(((String) d.get(Mime.SVG)).contains("Records per batch"));
    }

    @Test
    void aWrongColumnSaysWhichColumnsThereAre() {
        var e = assertThrows(IllegalArgumentException.class, () -> Plot.bars("x", ROWS, "batch", "keys"));
        assertEquals("No column \"keys\" in rows of Sizes; its columns are batch, input, updateStateByKey, mapWithState.", e.getMessage());
        var text = assertThrows(IllegalArgumentException.class, () -> Plot.bars("x", ROWS, "batch", "input"));
        assertTrue(text.getMessage().startsWith("Column \"input\" holds String values"), text.getMessage());
    }

    @Test
    void longInputsAreCappedAndSaySo() {
        var many = IntStream.range(0, Plot.MAX_ROWS + 20).mapToObj(i -> new Sizes(i, "", i, i)).toList();
        MimeBundle d = Plot.lines("growth", many, "batch", "mapWithState");
        assertTrue(((String) d.get(Mime.TEXT)).startsWith("growth (first 500 of 520 rows)"));
        assertEquals("nothing: no rows to draw", Plot.bars("nothing", List.of(), "batch", "x").get(Mime.TEXT));
    }
}
