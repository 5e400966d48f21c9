package sparkbook.engine.kafka;

import java.util.regex.Pattern;

/**
 * The line protocol between {@link KafkaBroker} (parent) and {@link BrokerProcess} (child): commands on the child's
 * stdin, replies on its stdout, UTF-8, one line each. Kept in one place so both sides agree; plain Java so the parent
 * can use it without loading Kafka.
 *
 * <pre>
 * child  -&gt; READY host:port                  broker is up and answered a DescribeCluster
 * child  -&gt; FAILED reason                    start failed; the child exits
 * parent -&gt; TOPIC name partitions           reply: OK created | OK exists | ERR reason
 * parent -&gt; PRODUCE topic count             then count raw lines; reply once all are acknowledged: OK count | ERR reason
 * parent closes stdin                        the child stops the broker and exits
 * </pre>
 */
final class Protocol {
    static final String READY = "READY";
    static final String FAILED = "FAILED";
    static final String TOPIC = "TOPIC";
    static final String PRODUCE = "PRODUCE";
    static final String OK = "OK";
    static final String ERR = "ERR";
    static final String CREATED = "created";
    static final String EXISTS = "exists";

    /** Kafka's own rule for topic names (Topic.validate); checked here so a name never breaks the framing. */
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private Protocol() {
    }

    static String requireTopic(String topic) {
        if (topic == null || !TOPIC_NAME.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw new IllegalArgumentException("Not a Kafka topic name: '" + topic
                    + "' (use 1 to 249 of a-z A-Z 0-9 . _ -, and not '.' or '..')");
        }
        return topic;
    }

    /** A record's value travels as one protocol line, so it may not contain a line break. */
    static String requireLine(String line) {
        if (line == null) {
            throw new IllegalArgumentException("A line to produce is null");
        }
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("A line to produce contains a line break: " + oneLine(line));
        }
        return line;
    }

    /** Any message squeezed onto one line, for ERR and FAILED replies. */
    static String oneLine(String message) {
        return String.valueOf(message).replaceAll("[\\r\\n]+", " | ");
    }
}
