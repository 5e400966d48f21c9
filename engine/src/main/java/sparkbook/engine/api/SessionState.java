package sparkbook.engine.api;

/** Life of the session's current StreamingContext. A STOPPED context can only be replaced ({@code renew()}). */
public enum SessionState {
    INITIALIZED, ACTIVE, STOPPED
}
