package sparkbook.engine.api;

import java.util.OptionalInt;
import java.util.regex.Pattern;

/** How many cores a local master gives the driver: local → 1, local[k] → k, local[*] → all processors. */
public final class LocalCores {
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:\\s*,\\s*\\d+)?])?");

    private LocalCores() {
    }

    /** Empty for non-local masters (cluster managers decide their own cores) or unparseable ones. */
    public static OptionalInt of(String master) {
        var m = LOCAL.matcher(master.trim());
        if (!m.matches()) {
            return OptionalInt.empty();
        }
        String n = m.group(1);
        if (n == null) {
            return OptionalInt.of(1);
        }
        return OptionalInt.of(n.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(n));
    }
}
