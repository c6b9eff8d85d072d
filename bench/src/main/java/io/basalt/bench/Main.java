package io.basalt.bench;

import java.io.PrintStream;
import java.util.List;

import io.basalt.bench.scale.ScaleOptions;
import io.basalt.bench.scale.ScaleReport;
import io.basalt.bench.scale.ScaleRun;

/** {@code bin/bench}: see {@link BenchOptions#USAGE}; {@code bin/bench scale}: see {@link ScaleOptions#USAGE}. Exit status 0, 1 when any create or delete failed, 2 on bad use. */
public final class Main {

	private Main() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && "scale".equals(args[0])) {
			scale(java.util.Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		BenchOptions options;
		try {
			options = BenchOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("bench: " + ex.getMessage());
			System.err.print(BenchOptions.USAGE);
			System.exit(2);
			return;
		}
		if (options.help()) {
			System.out.print(BenchOptions.USAGE);
			return;
		}
		// progress goes to stderr so that --json leaves stdout to the result
		PrintStream progress = System.err;
		BenchRun.Result result;
		try {
			result = new BenchRun(options, progress).run();
		}
		catch (java.net.ConnectException ex) {
			System.err.println("bench: cannot connect to " + options.endpoint() + " (is the API running?)");
			System.exit(1);
			return;
		}
		System.out.print(options.json() ? Report.json(result) + "\n" : Report.text(result));
		long errors = result.creates().errorCount() + (result.deletes() == null ? 0 : result.deletes().errorCount());
		System.exit(errors == 0 ? 0 : 1);
	}

	/** {@code bin/bench scale}: see {@link ScaleOptions#USAGE}. */
	private static void scale(String[] args) throws Exception {
		ScaleOptions options;
		try {
			options = ScaleOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("bench scale: " + ex.getMessage());
			System.err.print(ScaleOptions.USAGE);
			System.exit(2);
			return;
		}
		if (options.help()) {
			System.out.print(ScaleOptions.USAGE);
			return;
		}
		List<ScaleRun.Step> steps = new ScaleRun(options, System.err).run();
		System.out.print(options.json() ? ScaleReport.json(steps) + "\n" : ScaleReport.text(steps));
		System.exit(steps.stream().allMatch(s -> s.createErrors() == 0) ? 0 : 1);
	}

}
