package io.basalt.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.basalt.testing.PostgresDatabase;

/** Plain JDBC on a stack's database, for what the REST API does not show (one connection per query). */
public final class Jdbc {

	private final PostgresDatabase db;

	Jdbc(PostgresDatabase db) {
		this.db = db;
	}

	/** The rows of {@code sql} as column-name → value maps (column names in lower case). */
	public List<Map<String, Object>> query(String sql, Object... args) {
		try (Connection c = DriverManager.getConnection(this.db.jdbcUrl(), this.db.username(), this.db.password());
				PreparedStatement ps = c.prepareStatement(sql)) {
			for (int i = 0; i < args.length; i++) {
				ps.setObject(i + 1, args[i]);
			}
			try (ResultSet rs = ps.executeQuery()) {
				ResultSetMetaData md = rs.getMetaData();
				List<Map<String, Object>> rows = new ArrayList<>();
				while (rs.next()) {
					Map<String, Object> row = new LinkedHashMap<>();
					for (int i = 1; i <= md.getColumnCount(); i++) {
						row.put(md.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getObject(i));
					}
					rows.add(row);
				}
				return rows;
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("query failed: " + sql + ": " + ex.getMessage(), ex);
		}
	}

	/** The {@code volumes} row of a volume, or null. */
	public Map<String, Object> volumeRow(String volumeId) {
		List<Map<String, Object>> rows = query("SELECT * FROM volumes WHERE id::text = ?", volumeId);
		return rows.isEmpty() ? null : rows.get(0);
	}

}
