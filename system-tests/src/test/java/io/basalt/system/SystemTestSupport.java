package io.basalt.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/** Small helpers shared by the system tests. */
final class SystemTestSupport {

	private SystemTestSupport() {
	}

	/** A fresh project id (32 hex digits, like Keystone's), so that tests sharing a stack do not see each other. */
	static String newProject() {
		return UUID.randomUUID().toString().replace("-", "");
	}

	/** The same project with unlimited volumes and gigabytes quota. */
	static String newUnlimitedProject(CinderApi api) {
		String project = newProject();
		api.setQuota(project, Map.of("volumes", -1, "gigabytes", -1));
		return project;
	}

	/**
	 * Every text the system keeps about why a volume is in its status: the API's volume view, the user messages
	 * ({@code GET /messages?resource_uuid=}, microversion 3.3) and the {@code volumes} row (e.g. a
	 * {@code status_reason} column).
	 */
	static String reasonTexts(BasaltStack stack, String project, String volumeId) {
		StringBuilder sb = new StringBuilder();
		JsonNode v = stack.api().volume(project, volumeId);
		sb.append("volume view: ").append(v).append('\n');
		try {
			CinderApi.Response messages = stack.api().request("GET", project, "/messages?resource_uuid=" + volumeId,
					null, "3.3");
			sb.append("messages (").append(messages.status()).append("): ").append(messages.raw()).append('\n');
		}
		catch (RuntimeException ex) {
			sb.append("messages: ").append(ex).append('\n');
		}
		try {
			sb.append("volumes row: ").append(stack.jdbc().volumeRow(volumeId)).append('\n');
		}
		catch (RuntimeException ex) {
			sb.append("volumes row: ").append(ex).append('\n');
		}
		return sb.toString();
	}

	/** Appends an observation (timings, counts) to {@code target/stack-logs/observations.txt} and stdout. */
	static void observe(String test, String text) {
		String line = Instant.now() + " " + test + ": " + text;
		System.out.println("[observation] " + line);
		try {
			Files.createDirectories(BasaltStack.logDirectory());
			Files.writeString(BasaltStack.logDirectory().resolve("observations.txt"), line + "\n",
					StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
