package sparkbook.engine.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads {@code key=value} tokens (from a %spark magic or SPARKBOOK_* variables) into a {@link SessionConfig}. */
final class SessionConfigParser {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)");
    private static final String USAGE = "Use e.g. %spark master=local[4] batch=500ms app=demo spark.some.setting=value";

    private SessionConfigParser() {
    }

    static SessionConfig applyEnvironment(SessionConfig base, Map<String, String> env) {
        SessionConfig config = base;
        String master = env.get("SPARKBOOK_MASTER");
        if (master != null && !master.isBlank()) {
            config = config.withMaster(master.trim());
        }
        String batch = env.get("SPARKBOOK_BATCH");
        if (batch != null && !batch.isBlank()) {
            config = config.withBatchInterval(parseDuration(batch.trim(), "SPARKBOOK_BATCH"));
        }
        String conf = env.get("SPARKBOOK_CONF");
        if (conf != null && !conf.isBlank()) {
            config = applyTokens(config, conf);
        }
        return config;
    }

    static SessionConfig applyTokens(SessionConfig base, String tokens) {
        SessionConfig config = base;
        if (tokens == null || tokens.isBlank()) {
            return config;
        }
        for (String token : tokens.trim().split("\\s+")) {
            int eq = token.indexOf('=');
            if (eq <= 0 || eq == token.length() - 1) {
                throw new IllegalArgumentException("'" + token + "' is not a key=value setting. " + USAGE);
            }
            String key = token.substring(0, eq);
            String value = token.substring(eq + 1);
            config = switch (key) {
                case "master" -> config.withMaster(checkedMaster(value));
                case "batch" -> config.withBatchInterval(parseDuration(value, "batch"));
                case "app" -> config.withAppName(value);
                case "workdir" -> config.withWorkDir(Path.of(value));
                case "classdir" -> config.withClassOutputDir(Path.of(value));
                default -> {
                    if (!key.startsWith("spark.")) {
                        throw new IllegalArgumentException("Unknown setting '" + key + "'. Known: master, batch, app, workdir, "
                                + "classdir, or any Spark setting starting with spark. — " + USAGE);
                    }
                    yield config.withConf(key, value);
                }
            };
        }
        return config;
    }

    /** Accepts 500ms, 2s, 1m. */
    static Duration parseDuration(String text, String what) {
        var m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(what + " must be a duration like 500ms, 2s or 1m, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
        if (d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got '" + text + "'");
        }
        return d;
    }

    private static String checkedMaster(String value) {
        if (value.startsWith("local") && LocalCores.of(value).isEmpty() && !value.startsWith("local-cluster")) {
            throw new IllegalArgumentException("master '" + value + "' is not a valid local master: use local[*], local[3] or local");
        }
        return value;
    }
}
