package io.basalt.bench;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The command line of {@code bin/bench}. {@link #parse} throws {@link IllegalArgumentException} with a message for
 * the user on anything it does not understand.
 */
public record BenchOptions(URI endpoint, String project, String user, int count, int concurrency,
		Duration pollInterval, int warmup, boolean delete, boolean json, boolean stub, int size, Duration timeout,
		Duration deleteTimeout, boolean raiseQuota, Map<String, Long> pids, String procFilter, URI metrics,
		boolean help) {

	public static final String USAGE = """
			usage: bin/bench [options]
			       bin/bench scale [options]   (the scale bench: bin/bench scale --help)
			  Creates N volumes with C concurrent clients over the volume API, each client polling the volume until it
			  is available (or error), then deletes them; prints creates/s, POST -> available p50/p95/p99, errors,
			  and CPU seconds per service.
			options:
			  --endpoint URL         API endpoint (default http://127.0.0.1:8776)
			  --project ID           project to create in (default bench); user with --user (default bench)
			  -n, --count N          volumes to create and measure (default 1000)
			  -c, --concurrency C    concurrent clients (default 8)
			  --poll-interval D      sleep before each status GET, e.g. 2ms, 500us, 0.5ms (default 2ms)
			  --warmup N             unmeasured creates (and deletes) first (default 100; 0 = none)
			  --delete, --no-delete  delete what was created, waiting until gone (default --delete)
			  --size GiB             volume size (default 1)
			  --timeout D            per-volume bound on POST -> available/error (default 60s)
			  --delete-timeout D     per-volume bound on DELETE -> gone/error_deleting (default 60s)
			  --no-quota             do not raise the project's quota first (PUT os-quota-sets, -1)
			  --pid NAME=PID         CPU/RSS of this process under NAME (repeatable); without any --pid, java
			                         processes running an api-service / scheduler-service / volume-service exec jar
			                         are found in /proc
			  --proc-filter TEXT     only find processes whose command line also contains TEXT
			  --metrics URL|none     the api's Prometheus endpoint, for its CPU per request type
			                         (default http://<endpoint host>:9776/actuator/prometheus, the management
			                         port of bin/stack up and bench/services.sh)
			  --stub                 ceiling mode: the same client against an in-process stub API that answers at once
			  --json                 print the result as one JSON object
			  -h, --help             this text
			""";

	public static BenchOptions defaults() {
		return new BenchOptions(URI.create("http://127.0.0.1:8776"), "bench", "bench", 1000, 8, Duration.ofMillis(2),
				100, true, false, false, 1, Duration.ofSeconds(60), Duration.ofSeconds(60), true, Map.of(), null,
				null, false);
	}

	public static BenchOptions parse(String... args) {
		BenchOptions d = defaults();
		URI endpoint = d.endpoint;
		String project = d.project;
		String user = d.user;
		int count = d.count;
		int concurrency = d.concurrency;
		Duration poll = d.pollInterval;
		int warmup = d.warmup;
		boolean delete = d.delete;
		boolean json = d.json;
		boolean stub = d.stub;
		int size = d.size;
		Duration timeout = d.timeout;
		Duration deleteTimeout = d.deleteTimeout;
		boolean quota = d.raiseQuota;
		Map<String, Long> pids = new LinkedHashMap<>();
		String procFilter = null;
		String metrics = null;
		boolean help = false;
		for (int k = 0; k < args.length; k++) {
			String a = args[k];
			String name = a;
			String inline = null;
			if (a.startsWith("--") && a.indexOf('=') > 0) {
				name = a.substring(0, a.indexOf('='));
				inline = a.substring(a.indexOf('=') + 1);
			}
			switch (name) {
				case "-h", "--help" -> help = true;
				case "--delete" -> delete = true;
				case "--no-delete" -> delete = false;
				case "--json" -> json = true;
				case "--stub" -> stub = true;
				case "--no-quota" -> quota = false;
				default -> {
					String v;
					if (inline != null) {
						v = inline;
					}
					else if (k + 1 < args.length) {
						v = args[++k];
					}
					else {
						throw new IllegalArgumentException(knownOption(name) ? name + " needs a value"
								: "unknown option " + a);
					}
					switch (name) {
						case "--endpoint" -> endpoint = endpoint(v);
						case "--project" -> project = nonBlank(name, v);
						case "--user" -> user = nonBlank(name, v);
						case "-n", "--count" -> count = positive(name, v);
						case "-c", "--concurrency" -> concurrency = positive(name, v);
						case "--poll-interval" -> poll = duration(name, v);
						case "--warmup" -> warmup = nonNegative(name, v);
						case "--size" -> size = positive(name, v);
						case "--timeout" -> timeout = positiveDuration(name, v);
						case "--delete-timeout" -> deleteTimeout = positiveDuration(name, v);
						case "--pid" -> {
							int eq = v.indexOf('=');
							if (eq <= 0) {
								throw new IllegalArgumentException("--pid wants NAME=PID, got " + v);
							}
							pids.put(v.substring(0, eq), (long) positive("--pid", v.substring(eq + 1)));
						}
						case "--proc-filter" -> procFilter = nonBlank(name, v);
						case "--metrics" -> metrics = nonBlank(name, v);
						default -> throw new IllegalArgumentException("unknown option " + a);
					}
				}
			}
		}
		return new BenchOptions(endpoint, project, user, count, concurrency, poll, warmup, delete, json, stub, size,
				timeout, deleteTimeout, quota, Map.copyOf(pids), procFilter, metrics(metrics, endpoint, stub), help);
	}

	private static boolean knownOption(String name) {
		return switch (name) {
			case "--endpoint", "--project", "--user", "-n", "--count", "-c", "--concurrency", "--poll-interval",
					"--warmup", "--size", "--timeout", "--delete-timeout", "--pid", "--proc-filter", "--metrics" ->
				true;
			default -> false;
		};
	}

	/**
	 * A duration: a number with a unit {@code ns}, {@code us}, {@code ms}, {@code s} or {@code m}, or a bare number
	 * of milliseconds; fractions allowed ({@code 0.5ms}).
	 */
	public static Duration duration(String option, String v) {
		String t = v.trim().toLowerCase(Locale.ROOT);
		String[][] units = { { "ns", "1" }, { "us", "1000" }, { "µs", "1000" }, { "ms", "1000000" },
				{ "s", "1000000000" }, { "m", "60000000000" } };
		double factor = 1_000_000;
		String number = t;
		for (String[] u : units) {
			if (t.endsWith(u[0])) {
				String rest = t.substring(0, t.length() - u[0].length());
				if (!rest.isEmpty() && (Character.isDigit(rest.charAt(rest.length() - 1))
						|| rest.charAt(rest.length() - 1) == '.')) {
					number = rest;
					factor = Double.parseDouble(u[1]);
					break;
				}
			}
		}
		double n;
		try {
			n = Double.parseDouble(number);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(option + ": not a duration: " + v);
		}
		if (n < 0 || Double.isNaN(n) || Double.isInfinite(n)) {
			throw new IllegalArgumentException(option + ": not a duration: " + v);
		}
		return Duration.ofNanos(Math.round(n * factor));
	}

	private static Duration positiveDuration(String option, String v) {
		Duration d = duration(option, v);
		if (d.isZero()) {
			throw new IllegalArgumentException(option + " must be positive: " + v);
		}
		return d;
	}

	/** The api's Prometheus endpoint: as given, none ("none", or the stub), or on the endpoint's host at 9776. */
	private static URI metrics(String v, URI endpoint, boolean stub) {
		if (stub || "none".equals(v)) {
			return null;
		}
		if (v != null) {
			URI u;
			try {
				u = new URI(v);
			}
			catch (java.net.URISyntaxException ex) {
				throw new IllegalArgumentException("--metrics: not a URL: " + v);
			}
			if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
				throw new IllegalArgumentException("--metrics wants an http(s) URL or none, got " + v);
			}
			return u;
		}
		return URI.create("http://" + endpoint.getHost() + ":9776/actuator/prometheus");
	}

	private static URI endpoint(String v) {
		URI u;
		try {
			u = URI.create(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("--endpoint: not a URL: " + v);
		}
		if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
			throw new IllegalArgumentException("--endpoint wants http://host:port, got " + v);
		}
		return u;
	}

	private static String nonBlank(String option, String v) {
		if (v.isBlank()) {
			throw new IllegalArgumentException(option + " must not be empty");
		}
		return v;
	}

	private static int positive(String option, String v) {
		int n = integer(option, v);
		if (n <= 0) {
			throw new IllegalArgumentException(option + " must be positive: " + v);
		}
		return n;
	}

	private static int nonNegative(String option, String v) {
		int n = integer(option, v);
		if (n < 0) {
			throw new IllegalArgumentException(option + " must not be negative: " + v);
		}
		return n;
	}

	private static int integer(String option, String v) {
		try {
			return Integer.parseInt(v.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(option + " wants a whole number, got " + v);
		}
	}

}
