package io.basalt.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Ceiling mode's API: the JDK's HTTP server in the bench's own JVM answering the bench's calls at once — create
 * (202, {@code creating}), show ({@code available} at once, 404 once deleted), delete (202), quota update (200) —
 * so a run against it measures what the client itself can do on this machine.
 */
final class StubServer implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor;

	private final Set<String> volumes = ConcurrentHashMap.newKeySet();

	private final AtomicInteger requests = new AtomicInteger();

	StubServer(int threads) throws IOException {
		// the JDK server writes headers and body separately: without TCP_NODELAY, Nagle + delayed ACK add ~40 ms
		System.setProperty("sun.net.httpserver.nodelay", "true");
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
		AtomicInteger n = new AtomicInteger();
		this.executor = Executors.newFixedThreadPool(threads, r -> {
			Thread t = new Thread(r, "stub-api-" + n.incrementAndGet());
			t.setDaemon(true);
			return t;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext("/v3/", this::handle);
		this.server.start();
	}

	URI endpoint() {
		InetSocketAddress a = this.server.getAddress();
		return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort());
	}

	int requests() {
		return this.requests.get();
	}

	int liveVolumes() {
		return this.volumes.size();
	}

	private void handle(HttpExchange ex) throws IOException {
		try (ex) {
			this.requests.incrementAndGet();
			try (InputStream in = ex.getRequestBody()) {
				in.readAllBytes();
			}
			// /v3/<project>/volumes[/<id>] or /v3/<project>/os-quota-sets/<project>
			String[] parts = ex.getRequestURI().getPath().split("/");
			String method = ex.getRequestMethod();
			if (parts.length == 5 && "os-quota-sets".equals(parts[3]) && "PUT".equals(method)) {
				send(ex, 200, "{\"quota_set\":{\"volumes\":-1,\"gigabytes\":-1}}");
			}
			else if (parts.length == 4 && "volumes".equals(parts[3]) && "POST".equals(method)) {
				String id = UUID.randomUUID().toString();
				this.volumes.add(id);
				send(ex, 202, volume(id, "creating"));
			}
			else if (parts.length == 5 && "volumes".equals(parts[3]) && "GET".equals(method)) {
				if (this.volumes.contains(parts[4])) {
					send(ex, 200, volume(parts[4], "available"));
				}
				else {
					send(ex, 404, "{\"itemNotFound\":{\"code\":404,\"message\":\"Volume could not be found.\"}}");
				}
			}
			else if (parts.length == 5 && "volumes".equals(parts[3]) && "DELETE".equals(method)) {
				if (this.volumes.remove(parts[4])) {
					ex.sendResponseHeaders(202, -1);
				}
				else {
					send(ex, 404, "{\"itemNotFound\":{\"code\":404,\"message\":\"Volume could not be found.\"}}");
				}
			}
			else {
				send(ex, 404, "{\"itemNotFound\":{\"code\":404,\"message\":\"Not routed by the stub.\"}}");
			}
		}
	}

	private static String volume(String id, String status) {
		return "{\"volume\":{\"id\":\"" + id + "\",\"status\":\"" + status
				+ "\",\"size\":1,\"name\":null,\"availability_zone\":\"nova\",\"metadata\":{},\"attachments\":[]}}";
	}

	private static void send(HttpExchange ex, int code, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		ex.getResponseHeaders().set("Content-Type", "application/json");
		ex.sendResponseHeaders(code, bytes.length);
		try (OutputStream out = ex.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
