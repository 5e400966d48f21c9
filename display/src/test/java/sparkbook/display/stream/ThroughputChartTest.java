package sparkbook.display.stream;

import sparkbook.display.MimeBundle;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import sparkbook.display.Mime;
import sparkbook.engine.metrics.Stability;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThroughputChartTest {
    @Test
    void rendersSvgFromJFreeChartThatIsWellFormedXml() throws Exception {
        MimeBundle data = new ThroughputChart().render(StreamFixtures.history(30, 1000, 85));
        String svg = (String) data.get(Mime.SVG);

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertEquals(640.0, Double.parseDouble(doc.getDocumentElement().getAttribute("width")));
        // Rotated axis titles ("records/s", "ms") are drawn as glyph outlines, so check the horizontal texts.
        assertTrue(svg.contains("batch time") && svg.contains("(rec/s)") && svg.contains("batch interval 1 s"));
        assertTrue(svg.contains("stable"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void vegaLiteSpecIsANestedMapWithSchemaAndData() {
        MimeBundle data = new ThroughputChart().render(StreamFixtures.history(5, 1000, 85));
        Map<String, Object> spec = assertInstanceOf(Map.class, data.get(Mime.VEGA_LITE));

        assertEquals("https://vega.github.io/schema/vega-lite/v5.json", spec.get("$schema"));
        var panels = (List<Map<String, Object>>) spec.get("vconcat");
        var rates = (List<Map<String, Object>>) ((Map<String, Object>) panels.get(0).get("data")).get("values");
        assertEquals(10, rates.size(), "5 batches x 2 inputs");
        assertEquals(1_000.0, rates.get(0).get("rate"));
        String json = new com.google.gson.Gson().toJson(spec);
        assertTrue(json.startsWith("{\"$schema\""), "serializes as a JSON object, not a string");
    }

    @Test
    void summarySaysStableOrFallingBehind() {
        var chart = new ThroughputChart();
        assertTrue(chart.summary(StreamFixtures.history(10, 1000, 85)).endsWith("stable"));
        assertTrue(chart.summary(StreamFixtures.history(10, 1000, 1500)).endsWith("falling behind"));
        assertEquals(Stability.UNKNOWN, StreamFixtures.history(0, 1000, 0).stability());
    }

    @Test
    void pointsAreCapped() {
        var chart = new ThroughputChart().maxPoints(20);
        @SuppressWarnings("unchecked")
        var panels = (List<Map<String, Object>>) chart.vegaLite(StreamFixtures.history(500, 100, 20)).get("vconcat");
        @SuppressWarnings("unchecked")
        var values = (List<?>) ((Map<String, Object>) panels.get(0).get("data")).get("values");
        assertEquals(40, values.size());
    }

}
