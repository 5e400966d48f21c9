package sparkbook.kernel.magic;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The registry of line and cell magics; the extension point for the streaming magics. */
public final class Magics {
    private final Map<String, LineMagic> line = new ConcurrentHashMap<>();
    private final Map<String, CellMagic> cell = new ConcurrentHashMap<>();
    private final Map<String, String> help = new ConcurrentHashMap<>();

    public void registerLine(String name, String description, LineMagic magic) {
        line.put(name, magic);
        help.put("%" + name, description);
    }

    public void registerCell(String name, String description, CellMagic magic) {
        cell.put(name, magic);
        help.put("%%" + name, description);
    }

    public Optional<LineMagic> line(String name) {
        return Optional.ofNullable(line.get(name));
    }

    public Optional<CellMagic> cell(String name) {
        return Optional.ofNullable(cell.get(name));
    }

    /** Every magic with its one-line description, line magics first, sorted. */
    public Map<String, String> descriptions() {
        Map<String, String> sorted = new TreeMap<>((a, b) -> {
            boolean ca = a.startsWith("%%"), cb = b.startsWith("%%");
            return ca != cb ? (ca ? 1 : -1) : a.compareTo(b);
        });
        sorted.putAll(help);
        return sorted;
    }

    public MagicException unknown(String name, boolean isCell) {
        String known = String.join(" ", descriptions().keySet());
        return new MagicException("Unknown " + (isCell ? "cell" : "line") + " magic " + (isCell ? "%%" : "%") + name
                + ". Known magics: " + known + " (see %lsmagic).");
    }
}
