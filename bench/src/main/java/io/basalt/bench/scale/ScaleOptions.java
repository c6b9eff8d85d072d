package io.basalt.bench.scale;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@code bin/bench scale}. {@link #parse} throws {@link IllegalArgumentException} with a message
 * for the user on anything it does not understand.
 */
public record ScaleOptions(URI endpoint, Database database, List<Integer> sizes, int projects, int creates,
		int warmup, int concurrency, int samples, String host, Path volumeJar, Path fileDirectory, boolean reset,
		boolean json, boolean help) {

	/** Where the preload goes: the database the services under test use. */
	public record Database(String host, int port, String user, String name) {
	}

	public static final String USAGE = """
			usage: bin/bench scale [options]
			  Preloads volumes (with snapshots, metadata and quota usage) straight into PostgreSQL, growing to each
			  size in turn, and at each size measures: creates at C clients (POST -> available p50/p99), show p50,
			  volumes/detail (all_tenants, limit 1000) first page and a deep page by marker, get_pools, the SQL of the
			  scheduler's stuck-volume sweep and of the api's volumes-by-status gauge (EXPLAIN ANALYZE: time and
			  plan), and the file driver's start-up count of a directory holding that many volume files.
			  Run it against bench/services.sh; the preloaded rows are in projects scale-00..scale-NN.
			options:
			  --endpoint URL         API endpoint (default http://127.0.0.1:8776)
			  --db NAME              database of the services (default basalt_bench); --pg-host (127.0.0.1),
			                         --pg-port (5432), --pg-user (postgres); loaded with psql
			  --sizes N,N,...        volume rows per step, deleted rows included (default 1000,10000,100000)
			  --projects N           projects the volumes are spread over (default 100)
			  -n, --creates N        measured creates per size (default 200), after --warmup N (default 100)
			  -c, --concurrency C    concurrent create clients (default 8)
			  --samples N            shows, pages and get_pools calls per size (default 100; pages: N/10)
			  --host HOST            the preloaded volumes' host (default bench@fake#fake, bench/services.sh's)
			  --volume-jar PATH      volume-service exec jar whose file driver is timed (default
			                         volume-service/target/volume-service-0.1.0-SNAPSHOT-exec.jar); none = skip
			  --file-dir DIR         directory for the file driver's volume files (default var/bench/scale-files)
			  --reset                delete earlier preloaded rows and files first
			  --json                 print the result as one JSON object
			  -h, --help             this text
			""";

	public static ScaleOptions parse(String... args) {
		URI endpoint = URI.create("http://127.0.0.1:8776");
		String pgHost = "127.0.0.1";
		int pgPort = 5432;
		String pgUser = "postgres";
		String db = "basalt_bench";
		List<Integer> sizes = List.of(1000, 10_000, 100_000);
		int projects = 100;
		int creates = 200;
		int warmup = 100;
		int concurrency = 8;
		int samples = 100;
		String host = "bench@fake#fake";
		Path jar = Path.of("volume-service/target/volume-service-0.1.0-SNAPSHOT-exec.jar");
		Path dir = Path.of("var/bench/scale-files");
		boolean reset = false;
		boolean json = false;
		boolean help = false;
		for (int k = 0; k < args.length; k++) {
			String a = args[k];
			switch (a) {
				case "-h", "--help" -> help = true;
				case "--json" -> json = true;
				case "--reset" -> reset = true;
				default -> {
					if (k + 1 >= args.length) {
						throw new IllegalArgumentException(a.startsWith("-") ? a + " needs a value or is unknown"
								: "unknown argument " + a);
					}
					String v = args[++k];
					switch (a) {
						case "--endpoint" -> endpoint = URI.create(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
						case "--db" -> db = v;
						case "--pg-host" -> pgHost = v;
						case "--pg-port" -> pgPort = positive(a, v);
						case "--pg-user" -> pgUser = v;
						case "--sizes" -> sizes = sizes(v);
						case "--projects" -> projects = positive(a, v);
						case "-n", "--creates" -> creates = positive(a, v);
						case "--warmup" -> warmup = nonNegative(a, v);
						case "-c", "--concurrency" -> concurrency = positive(a, v);
						case "--samples" -> samples = positive(a, v);
						case "--host" -> host = v;
						case "--volume-jar" -> jar = "none".equals(v) ? null : Path.of(v);
						case "--file-dir" -> dir = Path.of(v);
						default -> throw new IllegalArgumentException("unknown option " + a);
					}
				}
			}
		}
		if (projects > 100) {
			throw new IllegalArgumentException("--projects: at most 100 (scale-00..scale-99)");
		}
		return new ScaleOptions(endpoint, new Database(pgHost, pgPort, pgUser, db), sizes, projects, creates, warmup,
				concurrency, samples, host, jar, dir, reset, json, help);
	}

	static List<Integer> sizes(String v) {
		List<Integer> sizes = new ArrayList<>();
		int last = 0;
		for (String part : v.split(",")) {
			int n = positive("--sizes", part.replace("_", ""));
			if (n <= last) {
				throw new IllegalArgumentException("--sizes must grow: " + v);
			}
			sizes.add(n);
			last = n;
		}
		return List.copyOf(sizes);
	}

	private static int positive(String option, String v) {
		int n = nonNegative(option, v);
		if (n == 0) {
			throw new IllegalArgumentException(option + " must be positive: " + v);
		}
		return n;
	}

	private static int nonNegative(String option, String v) {
		try {
			int n = Integer.parseInt(v.trim());
			if (n < 0) {
				throw new IllegalArgumentException(option + " must not be negative: " + v);
			}
			return n;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(option + " wants a whole number, got " + v);
		}
	}

}
