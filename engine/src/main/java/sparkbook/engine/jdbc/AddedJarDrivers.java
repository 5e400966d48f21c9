package sparkbook.engine.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.WeakHashMap;
import java.util.logging.Logger;

/**
 * One JDBC driver, registered with {@link DriverManager} from the kernel's own class loader, that stands for every
 * driver the current thread's context class loader finds (jars added with {@code %maven} or {@code %classpath}).
 * So {@code spark.read().jdbc(url, table, props)} finds a PostgreSQL driver added at run time with no
 * {@code driver} option, as Spark's documentation writes it. Spark names the driver by this class; executors in
 * other JVMs load it from the engine jar the kernel ships them and find the real driver the same way.
 */
public final class AddedJarDrivers implements Driver {
    /** Drivers found per class loader; looked for again when none accepts a URL (the loader may have grown). */
    private final Map<ClassLoader, List<Driver>> found = Collections.synchronizedMap(new WeakHashMap<>());

    /** Public and without arguments: Spark's DriverRegistry makes its own instance by name. */
    public AddedJarDrivers() {
    }

    /** Registers one instance with DriverManager, unless one is registered already. */
    public static void register() {
        if (DriverManager.drivers().anyMatch(d -> d instanceof AddedJarDrivers)) return;
        try {
            DriverManager.registerDriver(new AddedJarDrivers());
        } catch (SQLException e) {
            throw new IllegalStateException("could not register the JDBC driver for added jars", e);
        }
    }

    private Driver driverFor(String url) throws SQLException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null || loader == AddedJarDrivers.class.getClassLoader()) return null; // DriverManager serves those
        Driver d = accepting(found.get(loader), url);
        if (d != null) return d;
        List<Driver> drivers = ServiceLoader.load(Driver.class, loader).stream()
                .filter(p -> p.type().getClassLoader() != AddedJarDrivers.class.getClassLoader() && p.type() != AddedJarDrivers.class)
                .map(ServiceLoader.Provider::get).toList();
        found.put(loader, drivers);
        return accepting(drivers, url);
    }

    private static Driver accepting(List<Driver> drivers, String url) throws SQLException {
        if (drivers == null) return null;
        for (Driver d : drivers) if (d.acceptsURL(url)) return d;
        return null;
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        Driver d = driverFor(url);
        return d == null ? null : d.connect(url, info);
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
        return driverFor(url) != null;
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        Driver d = driverFor(url);
        return d == null ? new DriverPropertyInfo[0] : d.getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("AddedJarDrivers has no logger of its own");
    }
}
