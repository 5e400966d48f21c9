package sparkbook.kernel.spark;

import org.apache.spark.SparkConf;

import java.util.Map;
import java.util.Optional;

/**
 * Where the user's browser finds this kernel's Spark UI, which is not always where Spark serves it: behind
 * JupyterHub (or any proxy) 127.0.0.1:4040 is the server's own loopback, not the user's. In order:
 * <ol>
 * <li>{@code SPARKBOOK_SPARK_UI} in the kernel's environment, a URL or path with {@code {port}} for the UI's port
 *     (e.g. {@code /user/ann/proxy/{port}/} for jupyter-server-proxy);</li>
 * <li>{@code spark.ui.reverseProxy=true} with {@code spark.ui.reverseProxyUrl}: the standalone master's reverse
 *     proxy, {@code <url>/proxy/<app id>/};</li>
 * <li>{@code spark.ui.proxyBase}, the path Spark was told its UI is served under;</li>
 * <li>under JupyterHub ({@code JUPYTERHUB_SERVICE_PREFIX}), jupyter-server-proxy's {@code <prefix>proxy/<port>/};</li>
 * <li>Spark's own address ({@code http://127.0.0.1:4040/}).</li>
 * </ol>
 * Empty when the UI is off.
 */
final class SparkUiAddress {
    private SparkUiAddress() {}

    /**
     * @param sparkUrl Spark's own UI address ({@code SparkContext.uiWebUrl()}), empty when the UI is off
     * @return the base URL, ending in "/"
     */
    static Optional<String> of(Optional<String> sparkUrl, SparkConf conf, String appId, Map<String, String> env) {
        if (sparkUrl.isEmpty()) return Optional.empty();
        String port = sparkUrl.get().replaceAll(".*:(\\d+)/?$", "$1");
        String template = env.get("SPARKBOOK_SPARK_UI");
        if (template != null && !template.isBlank()) return Optional.of(slash(template.strip().replace("{port}", port)));
        if (conf.getBoolean("spark.ui.reverseProxy", false) && conf.contains("spark.ui.reverseProxyUrl")) {
            return Optional.of(slash(conf.get("spark.ui.reverseProxyUrl")) + "proxy/" + appId + "/");
        }
        if (conf.contains("spark.ui.proxyBase")) return Optional.of(slash(conf.get("spark.ui.proxyBase")));
        String hub = env.get("JUPYTERHUB_SERVICE_PREFIX");
        if (hub != null && !hub.isBlank()) return Optional.of(slash(hub) + "proxy/" + port + "/");
        return Optional.of(slash(sparkUrl.get()));
    }

    private static String slash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }
}
