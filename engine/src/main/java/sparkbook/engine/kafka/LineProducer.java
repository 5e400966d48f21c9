package sparkbook.engine.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Lines to records (no key, UTF-8 string value) with {@code acks=all}, for the broker's PRODUCE command and the
 * {@code produce} command line alike. A batch is sent without waiting per record, then awaited as a whole, so
 * producing many lines costs one round of acknowledgements, not one per line.
 */
final class LineProducer implements AutoCloseable {
    private final KafkaProducer<String, String> producer;
    private final List<Future<RecordMetadata>> pending = new ArrayList<>();
    private RuntimeException firstFailure;

    LineProducer(String bootstrapServers) {
        Properties config = new Properties();
        config.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        config.setProperty(ProducerConfig.CLIENT_ID_CONFIG, "sparkbook-line-producer");
        // Fail within a minute rather than Kafka's 1 to 2 minutes when the broker cannot take a record.
        config.setProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        config.setProperty(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
        producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /** Sends a line; a failure is kept for {@link #awaitAll()}, and later lines of the batch are skipped. */
    void send(String topic, String line) {
        if (firstFailure != null) {
            return;
        }
        try {
            pending.add(producer.send(new ProducerRecord<>(topic, line)));
        } catch (RuntimeException e) {
            firstFailure = e;
        }
    }

    /** Waits for every line sent since the last call; returns how many were acknowledged or throws the first failure. */
    int awaitAll() {
        producer.flush();
        List<Future<RecordMetadata>> sent = new ArrayList<>(pending);
        pending.clear();
        RuntimeException failure = firstFailure;
        firstFailure = null;
        for (Future<RecordMetadata> future : sent) {
            try {
                future.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for acknowledgements", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return sent.size();
    }

    @Override
    public void close() {
        producer.close();
    }
}
