package sparkbook.engine.testing;

import org.apache.spark.sql.Row;
import scala.Product;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One row of a query check, compared by value the way a reader means it: {@code RowFactory.create("a", 2)},
 * {@code List.of("a", 2)} and Spark's row {@code [a,2L]} are equal, integral numbers being compared as longs,
 * decimals without trailing zeros, timestamps as instants and nested rows (a window's {@code [start,end]}) as lists.
 * Printed as Spark prints a row.
 */
public record ResultRow(List<Object> values) {

    public ResultRow {
        values = java.util.Collections.unmodifiableList(new ArrayList<>(values)); // null values are legitimate
    }

    /** An expected or actual row: a Spark {@link Row}, a {@code List}, an array, a Scala tuple, or one plain value. */
    public static ResultRow of(Object row) {
        if (row instanceof ResultRow r) return r;
        return new ResultRow(fields(row).stream().map(ResultRow::normalized).toList());
    }

    private static List<?> fields(Object row) {
        if (row instanceof Row r) {
            List<Object> out = new ArrayList<>(r.length());
            for (int i = 0; i < r.length(); i++) out.add(r.get(i));
            return out;
        }
        if (row instanceof List<?> list) return list;
        if (row instanceof Object[] array) return Arrays.asList(array);
        if (row instanceof Product p && row.getClass().getName().startsWith("scala.Tuple")) {
            return scala.jdk.javaapi.CollectionConverters.asJava(p.productIterator().toSeq());
        }
        return java.util.Collections.singletonList(row);
    }

    private static Object normalized(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) return new BigDecimal(big);
        if (value instanceof Float f) return f.doubleValue();
        if (value instanceof BigDecimal d) return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        if (value instanceof Timestamp t) return t.toInstant();
        if (value instanceof java.sql.Date d) return d.toLocalDate();
        if (value instanceof Row || value instanceof List<?> || value instanceof Object[]) return of(value).values();
        if (value instanceof scala.collection.Seq<?> seq) {
            return scala.jdk.javaapi.CollectionConverters.asJava(seq).stream().map(ResultRow::normalized).toList();
        }
        if (value instanceof Collection<?> c) return c.stream().map(ResultRow::normalized).toList();
        return value;
    }

    @Override
    public String toString() {
        return "[" + values.stream().map(ResultRow::text).collect(Collectors.joining(",")) + "]";
    }

    private static String text(Object value) {
        if (value instanceof Instant i) return Timestamp.from(i).toString(); // as Spark's rows print it, local time
        if (value instanceof LocalDate d) return d.toString();
        if (value instanceof List<?> l) return "[" + l.stream().map(ResultRow::text).collect(Collectors.joining(",")) + "]";
        return String.valueOf(value);
    }
}
