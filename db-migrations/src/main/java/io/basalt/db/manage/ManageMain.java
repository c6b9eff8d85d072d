package io.basalt.db.manage;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.basalt.db.migrations.MigrateMain.Settings;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code bin/basalt-manage}: operator commands on Basalt's database, after {@code cinder-manage}. Today:
 * <pre>
 * basalt-manage quota check [--project=ID]   report quota usage drift (exit 1 when there is some)
 * basalt-manage quota sync  [--project=ID]   fix it (one transaction)
 * </pre>
 * The database comes from {@code --url= --user= --password=}, else {@code BASALT_DB_URL}, {@code BASALT_DB_USER}
 * ({@code postgres}), {@code BASALT_DB_PASSWORD} (empty). Exit status: 0 no drift / synced, 1 drift found by
 * {@code check}, 2 usage error, 3 database error. Single-threaded.
 */
public final class ManageMain {

	private ManageMain() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System.getenv(), System.out, System.err));
	}

	static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
		if (args.length < 2 || !"quota".equals(args[0]) || !List.of("check", "sync").contains(args[1])) {
			return usage(err, null);
		}
		String project = null;
		List<String> database = new ArrayList<>();
		for (String arg : List.of(args).subList(2, args.length)) {
			if (arg.startsWith("--project=") && arg.length() > 10) {
				project = arg.substring(10);
			}
			else {
				database.add(arg);
			}
		}
		Settings settings;
		try {
			settings = Settings.parse(database.toArray(String[]::new), env);
		}
		catch (IllegalArgumentException ex) {
			return usage(err, ex.getMessage());
		}
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(settings.url());
		dataSource.setUser(settings.user());
		dataSource.setPassword(settings.password());
		QuotaRecount recount = new QuotaRecount(dataSource);
		String scope = (project != null) ? "project " + project : "all projects";
		try {
			if ("check".equals(args[1])) {
				List<QuotaDrift> drift = recount.check(project);
				drift.forEach(d -> out.println("DRIFT  " + d));
				out.println(drift.isEmpty() ? "Quota usage of " + scope + " matches the resources."
						: drift.size() + " quota usage row(s) of " + scope
								+ " differ from the resources; `basalt-manage quota sync` fixes them.");
				return drift.isEmpty() ? 0 : 1;
			}
			List<QuotaDrift> fixed = recount.sync(project);
			fixed.forEach(d -> out.println("FIXED  " + d + " -> in_use " + d.counted()));
			out.println("Synced quota usage of " + scope + ": " + fixed.size() + " row(s) fixed.");
			return 0;
		}
		catch (SQLException ex) {
			err.println("Database error: " + ex.getMessage());
			return 3;
		}
	}

	private static int usage(PrintStream err, String problem) {
		if (problem != null) {
			err.println("error: " + problem);
		}
		err.println("usage: basalt-manage quota check|sync [--project=ID] [--url=jdbc:postgresql://...] [--user=U]"
				+ " [--password=P]");
		err.println("       (or BASALT_DB_URL, BASALT_DB_USER, BASALT_DB_PASSWORD)");
		return 2;
	}

}
