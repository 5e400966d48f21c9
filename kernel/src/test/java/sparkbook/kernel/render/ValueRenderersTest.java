package sparkbook.kernel.render;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValueRenderersTest {
    static SparkSession spark;
    static JavaSparkContext jsc;
    final Renderer renderer = new Renderer();

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[2]").appName("display-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    ValueRenderersTest() {
        ValueRenderers.registerAll(renderer);
    }

    static String text(DisplayData d) {
        return (String) d.getData(MIMEType.TEXT_PLAIN);
    }

    static String html(DisplayData d) {
        return (String) d.getData(MIMEType.TEXT_HTML);
    }

    @Test
    void datasetLooksLikeShowWithTypesInTheHtmlHeader() {
        StructType schema = new StructType().add("word", DataTypes.StringType).add("count", DataTypes.LongType);
        List<Row> rows = new ArrayList<>();
        rows.add(RowFactory.create("<script>alert(1)</script>", 3L));
        for (int i = 0; i < 30; i++) rows.add(RowFactory.create("w" + i, (long) i));
        Dataset<Row> ds = spark.createDataFrame(rows, schema);

        DisplayData d = renderer.render(ds);
        assertTrue(html(d).contains("word: string") && html(d).contains("count: bigint"));
        assertTrue(html(d).contains("&lt;script&gt;") && !html(d).contains("<script>"));
        assertTrue(text(d).startsWith("+--------------------+-----+\n|                word|count|\n"), text(d));
        assertTrue(text(d).contains("|<script>alert(1)<...|    3|"), "cells truncated like show()");
        assertTrue(text(d).endsWith("only showing top 20 rows\n"));
        assertEquals(20 + 1, html(d).split("<tr>").length - 1, "20 rows plus the header row");
    }

    @Test
    void rddShowsFirstRowsWithoutCounting() {
        DisplayData d = renderer.render(jsc.parallelize(IntStream.range(0, 1000).boxed().toList(), 4));
        assertTrue(text(d).contains("10+ rows"), text(d));
        assertTrue(text(d).contains("count() not run"));
        assertTrue(html(d).contains("<td"));
    }

    @Test
    void smallPairRddHasAnExactCountAndKeyValueColumns() {
        var pairs = jsc.parallelizePairs(List.of(new Tuple2<>("a", 1), new Tuple2<>("b", 2)));
        DisplayData d = renderer.render(pairs);
        assertTrue(text(d).contains("2 rows"));
        assertTrue(html(d).contains(">_1<") && html(d).contains(">_2<"));
        DisplayData scalaRdd = renderer.render(pairs.rdd());
        assertTrue(text(scalaRdd).contains("2 rows"));
    }

    @Test
    void rowCapCanBeRequested() {
        DisplayData d = renderer.render(jsc.parallelize(List.of(1, 2, 3, 4, 5)), Map.of("rows", 2));
        assertTrue(text(d).contains("2+ rows"));
    }

    record Point(int x, String label) {}

    @Test
    void javaValuesBecomeTables() {
        assertTrue(html(renderer.render(new Point(1, "<p>"))).contains("&lt;p&gt;"));
        assertTrue(html(renderer.render(new Tuple2<>("k", 2))).contains(">_2<"));

        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < 80; i++) map.put("k" + i, i);
        DisplayData m = renderer.render(map);
        assertTrue(html(m).contains("first 50 of 80 entries"));
        assertTrue(text(m).startsWith("{k0=0"), "text/plain keeps toString()");

        DisplayData list = renderer.render(List.of(new Point(1, "a"), new Point(2, "b")));
        assertTrue(html(list).contains(">x<") && html(list).contains(">label<"));
        assertTrue(html(renderer.render(new int[]{1, 2, 3})).contains("int[] · 3 elements"));
        assertTrue(html(renderer.render(new String[]{"a"})).contains("String[]"));
    }

    @Test
    void unrelatedValuesStillGetPlainText() {
        DisplayData d = renderer.render("hello");
        assertEquals("hello", text(d));
        assertFalse(d.hasDataForType(MIMEType.TEXT_HTML));
    }

    @Test
    void aBundleFromTheDisplayModuleGoesOutWithAllItsFormats() {
        var bundle = sparkbook.display.MimeBundle.text("2 rows").with("text/html", "<b>2</b> rows")
                .with("application/vnd.vegalite.v5+json", Map.of("mark", "bar"));
        DisplayData d = ValueRenderers.render(renderer, bundle);
        assertEquals("2 rows", text(d));
        assertEquals("<b>2</b> rows", html(d));
        assertEquals(Map.of("mark", "bar"), d.getData(MIMEType.parse("application/vnd.vegalite.v5+json")));
    }
}
