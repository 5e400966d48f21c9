package sparkbook.display.query;

import sparkbook.display.MimeBundle;
import sparkbook.display.values.DatasetView;
import sparkbook.engine.query.QueryResult;

/**
 * The result of a streaming Dataset shown live: the table after the latest micro-batch (complete mode) or the
 * latest rows (append mode), titled by the variable that holds the Dataset.
 */
public final class QueryResultView {
    private QueryResultView() {}

    public static MimeBundle render(String title, QueryResult result) {
        QueryResult.Rows rows = result.latest();
        String caption = (title == null ? "streaming result" : title) + " · "
                + (rows.complete() ? "the result table" : "the latest " + rows.rows().size() + " rows")
                + (rows.batchId() < 0 ? " · waiting for the first micro-batch" : " after micro-batch " + rows.batchId());
        return DatasetView.table(result.schema(), rows.rows(), caption, rows.rows().isEmpty() ? "no rows yet" : "");
    }
}
