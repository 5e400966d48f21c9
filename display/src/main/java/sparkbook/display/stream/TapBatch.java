package sparkbook.display.stream;

import java.util.List;

/** One batch of a tapped DStream: its time, record count and the first rows the tap kept. */
public record TapBatch(long batchTimeMs, long count, List<?> firstRows) {
    public TapBatch {
        firstRows = List.copyOf(firstRows);
    }
}
