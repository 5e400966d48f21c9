package sparkbook.engine;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import sparkbook.engine.api.SessionConfig;
import sparkbook.engine.api.StreamingSession;

/**
 * One StreamingSession (so one SparkContext) per test class, with a fresh StreamingContext for
 * every test:
 * <pre>{@code
 * @RegisterExtension
 * static final SessionPerClass spark = new SessionPerClass(TestSessions.local(2, Duration.ofSeconds(1)));
 * }</pre>
 */
public final class SessionPerClass implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    private final SessionConfig config;
    private StreamingSession session;

    public SessionPerClass(SessionConfig config) {
        this.config = config;
    }

    public StreamingSession session() {
        return session;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        session = StreamingSession.open(config);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        session.renew();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        session.close();
    }
}
