package sparkbook.engine.query;

/** Where a query is in its life, as the dashboard says it. */
public enum QueryState {
    ACTIVE("active"), STOPPED("stopped"), FAILED("failed");

    private final String label;

    QueryState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
