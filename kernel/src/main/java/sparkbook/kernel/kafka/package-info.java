/** The notebook's own Kafka broker: Apache Kafka's server resolved like {@code %maven}, in a JVM the kernel owns. */
package sparkbook.kernel.kafka;
