package sparkbook.kernel.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.streaming.StreamingQuery;
import sparkbook.engine.query.QueryResult;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import sparkbook.display.engine.LiveStreams;
import sparkbook.display.MimeBundle;
import sparkbook.display.live.UpdateCoalescer;
import sparkbook.engine.api.StreamingSession;
import sparkbook.kernel.io.CellOutput;
import sparkbook.kernel.runtime.LiveDisplayFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The notebook's live displays: {@code display(stream)} gives a DStream the live view {@link LiveStreams#display}
 * picks for it (its state, its window, or its batches), {@code display(ssc)} the stream dashboard, and
 * {@code display(query)} a Structured Streaming query's dashboard.
 * Displays answer to the cell that opened them and are rate-limited together; they are finished (rendered a last
 * time) before the context under them stops.
 */
public final class StreamDisplays implements LiveDisplayFactory {
    /** How long a final render waits for batch samples still on their way (a slow job is not waited for forever). */
    static final Duration SAMPLES_TIMEOUT = Duration.ofSeconds(10);
    /** Slots of the displays of Structured Streaming queries, which a new DStream pipeline leaves alone. */
    private static final String QUERY_SLOT = "query ";

    private final CellOutput output;
    private final Supplier<StreamingSession> session;
    private final Function<Object, Optional<String>> variableName;
    private final UpdateCoalescer coalescer;
    private final LiveStreams liveStreams;

    /**
     * @param coalescer the kernel's live displays, rate-limited together
     * @param session the notebook's session, waited for when a display needs it
     * @param variableName the notebook variable holding a value, to title its display
     */
    public StreamDisplays(CellOutput output, UpdateCoalescer coalescer, Supplier<StreamingSession> session,
                          Function<Object, Optional<String>> variableName) {
        this.output = output;
        this.session = session;
        this.variableName = variableName;
        this.coalescer = coalescer;
        this.liveStreams = new LiveStreams(coalescer);
    }

    @Override
    public Optional<String> open(Object value, int rows) {
        if (value instanceof JavaStreamingContext || value instanceof StreamingSession) {
            StreamingSession s = session.get();
            if (value instanceof JavaStreamingContext j && j != s.ssc()) {
                throw new IllegalArgumentException("display(ssc) shows the notebook's StreamingContext, and this one was "
                        + "made in a cell. Use the predefined ssc (or %%stream to rebuild it) to get the dashboard.");
            }
            String id = output.newLiveDisplay();
            String chartId = output.newLiveDisplay();
            liveStreams.dashboard("dashboard", id, chartId, s); // one dashboard: a new one replaces it
            return Optional.of(id);
        }
        if (value instanceof StreamingQuery query) {
            String id = output.newLiveDisplay();
            String chartId = output.newLiveDisplay();
            String slot = QUERY_SLOT + output.cellSlot(id);
            liveStreams.query(slot, id, chartId, session.get().queries(), query,
                    query.name() != null ? query.name() : variableName.apply(value).orElse(null));
            return Optional.of(id);
        }
        if (value instanceof Dataset<?> dataset && dataset.isStreaming()) {
            session.get(); // the notebook's SparkSession runs it, measured by its listener
            String name = variableName.apply(value).orElse(null);
            String id = output.newLiveDisplay();
            try {
                liveStreams.result(QUERY_SLOT + output.cellSlot(id), id, name, () -> QueryResult.start(dataset, name, rows));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("The query for " + (name == null ? "the Dataset" : name) + " did not start: "
                        + e.getMessage(), e);
            }
            return Optional.of(id);
        }
        if (!LiveStreams.isStream(value)) return Optional.empty();
        long batchMs = session.get().config().batchInterval().toMillis();
        String id = output.newLiveDisplay();
        liveStreams.display(output.cellSlot(id), id, variableName.apply(value).orElse(null), value, batchMs, rows);
        return Optional.of(id);
    }

    @Override
    public String watch(Supplier<MimeBundle> render) {
        StreamingSession s = session.get();
        String id = output.newLiveDisplay();
        liveStreams.watch(output.cellSlot(id), id, s, render);
        return id;
    }

    /** Waits (at most {@link #SAMPLES_TIMEOUT}) for batch samples still on their way, e.g. after stepping the clock. */
    public void awaitSamples() {
        liveStreams.awaitSamples(SAMPLES_TIMEOUT);
    }

    /** Sends what each display last saw (a cell ends: a notebook run headless keeps that state). */
    void flushAll() {
        coalescer.flushAll();
    }

    /** Renders every live display a last time, once the samples of the last batches have reached them. */
    /**
     * Finishes the displays of the DStream pipeline only (a fresh ssc replaces it): a query's displays live as long
     * as their query, which runs on.
     */
    public void finishStreamDisplays() {
        awaitSamples();
        coalescer.finishWhere(slot -> !slot.startsWith(QUERY_SLOT));
    }

    public void finishAll() {
        awaitSamples();
        coalescer.finishAll();
    }

    void close() {
        coalescer.close();
    }
}
