package sparkbook.kernel.spark;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Spark UI's address as the user's browser must use it, on a laptop and behind a proxy. */
class SparkUiAddressTest {
    private static final Optional<String> SPARK = Optional.of("http://127.0.0.1:4041");

    private static Optional<String> address(SparkConf conf, Map<String, String> env) {
        return SparkUiAddress.of(SPARK, conf, "local-1764625200000", env);
    }

    @Test
    void onALaptopItIsSparksOwn() {
        assertEquals(Optional.of("http://127.0.0.1:4041/"), address(new SparkConf(false), Map.of()));
    }

    @Test
    void underJupyterHubItGoesThroughJupyterServerProxy() {
        assertEquals(Optional.of("/user/ann/proxy/4041/"),
                address(new SparkConf(false), Map.of("JUPYTERHUB_SERVICE_PREFIX", "/user/ann/")));
    }

    @Test
    void aTemplateInTheEnvironmentWins() {
        assertEquals(Optional.of("https://hub.example.org/user/ann/proxy/4041/"), address(new SparkConf(false),
                Map.of("SPARKBOOK_SPARK_UI", "https://hub.example.org/user/ann/proxy/{port}", "JUPYTERHUB_SERVICE_PREFIX", "/user/ann/")));
    }

    @Test
    void sparksProxySettingsAreHonoured() {
        assertEquals(Optional.of("/sparkui/"), address(new SparkConf(false).set("spark.ui.proxyBase", "/sparkui"), Map.of()));
        assertEquals(Optional.of("https://gateway.example.org/spark/proxy/local-1764625200000/"),
                address(new SparkConf(false).set("spark.ui.reverseProxy", "true")
                        .set("spark.ui.reverseProxyUrl", "https://gateway.example.org/spark"), Map.of()));
    }

    @Test
    void noUiNoAddress() {
        assertEquals(Optional.empty(), SparkUiAddress.of(Optional.empty(), new SparkConf(false), "app", Map.of()));
    }
}
