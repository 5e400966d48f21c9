/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one server) for notebooks and tests.
 * The broker runs in a child JVM that the caller's JVM owns, so Kafka's own class path (Scala, Jackson, log4j) never
 * meets Spark's. Only {@link sparkbook.engine.kafka.BrokerProcess} and the child-side classes it uses (KraftServer,
 * LineProducer) touch Kafka classes, and they run only in that child; KafkaBroker, ChildJvm, Protocol and
 * ServerSettings are plain Java, so loading this package in the kernel loads no Kafka class. Imports nothing else
 * from the engine, and nothing in the engine imports it.
 */
package sparkbook.engine.kafka;
