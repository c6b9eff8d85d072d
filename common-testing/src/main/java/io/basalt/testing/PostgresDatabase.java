package io.basalt.testing;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh PostgreSQL database created for one caller by {@link TestServices#postgresDatabase()}, already migrated
 * when Flyway migrations are on the classpath. {@link #close()} terminates its connections and drops it.
 * Immutable; {@code close()} may be called from any thread and more than once.
 *
 * @param jdbcUrl JDBC URL of the database
 * @param username user owning it (may create schemas and tables)
 * @param password that user's password, empty for trust authentication
 * @param name the database name, {@code basalt_test_<hex>}
 */
public record PostgresDatabase(String jdbcUrl, String username, String password, String name)
		implements AutoCloseable {

	/** A new, unpooled data source on this database (one physical connection per {@code getConnection()}). */
	public DataSource dataSource() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(this.jdbcUrl);
		dataSource.setUser(this.username);
		dataSource.setPassword(this.password);
		return dataSource;
	}

	/** Terminates every connection to the database and drops it. */
	@Override
	public void close() {
		TestServices.dropDatabase(this);
	}

}
