package sparkbook.display;

import java.util.Locale;

/** Sizes as every view writes them. */
public final class Quantities {
    private Quantities() {}

    /** "512 B", "14 KB", "3.2 MB", "1.1 GB". */
    public static String bytes(long n) {
        if (n < 1024) return n + " B";
        if (n < 1024 * 1024) return String.format(Locale.ROOT, "%.0f KB", n / 1024.0);
        if (n < 1024L * 1024 * 1024) return String.format(Locale.ROOT, "%.1f MB", n / 1048576.0);
        return String.format(Locale.ROOT, "%.1f GB", n / 1073741824.0);
    }
}
