package sparkbook.engine.input;

import org.apache.spark.rdd.RDD;
import org.apache.spark.streaming.StreamingContext;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.dstream.InputDStream;
import scala.Option;

/**
 * An input that yields an empty RDD every batch. With a no-op output on it every batch has at
 * least one job, so Spark posts onBatchCompleted for every batch (it posts nothing for a batch
 * without jobs, e.g. between the slides of a window) and a stepper can await each one.
 */
final class HeartbeatDStream extends InputDStream<Object> {

    HeartbeatDStream(StreamingContext ssc) {
        super(ssc, LiveQueue.anyRefTag());
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
    }

    @Override
    public Option<RDD<Object>> compute(Time validTime) {
        return Option.apply(ssc().sparkContext().emptyRDD(LiveQueue.anyRefTag()));
    }
}
