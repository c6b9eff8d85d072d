package io.basalt.bench;

import java.io.PrintStream;

/** {@code bin/bench}: see {@link BenchOptions#USAGE}. Exit status 0, 1 when any create or delete failed, 2 on bad use. */
public final class Main {

	private Main() {
	}

	public static void main(String[] args) throws Exception {
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

}
