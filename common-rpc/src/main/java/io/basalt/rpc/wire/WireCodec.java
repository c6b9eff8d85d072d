package io.basalt.rpc.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.basalt.rpc.RpcVersion;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encodes and decodes RPC messages in oslo.messaging's envelope 2.0: the AMQP body is
 * {@code {"oslo.version": "2.0", "oslo.message": "<inner JSON as a string>"}}. Bodies without the envelope keys
 * are read as legacy 1.0 messages (the body is the inner message); an envelope of another major version is
 * {@link MalformedMessageException malformed}.
 * <p>
 * Request keys: {@code method, args, version} (when set), {@code namespace} (only when non-null), for calls
 * {@code _msg_id, _reply_q, _timeout}, always {@code _unique_id}, and the {@code _context_*} keys
 * ({@link ContextCodec}). Reply keys: {@code result, failure, ending, _msg_id, _unique_id}, where
 * {@code failure} is a JSON string ({@link RemoteFailure}).
 * <p>
 * Immutable and thread-safe; uses pre-built readers and writers of one {@link JsonMapper}.
 */
public final class WireCodec {

	static final String VERSION_KEY = "oslo.version";

	static final String MESSAGE_KEY = "oslo.message";

	static final String ENVELOPE_VERSION = "2.0";

	private final JsonMapper mapper;

	private final ObjectReader treeReader;

	private final ObjectWriter writer;

	private final JsonNodeFactory nodes;

	public WireCodec(JsonMapper mapper) {
		this.mapper = mapper;
		this.treeReader = mapper.readerFor(JsonNode.class);
		this.writer = mapper.writer();
		this.nodes = mapper.getNodeFactory();
	}

	/** A codec over the shared {@link WireJson#mapper()}. */
	public static WireCodec standard() {
		return new WireCodec(WireJson.mapper());
	}

	public JsonMapper mapper() {
		return this.mapper;
	}

	/** A fresh id in oslo's form: a uuid4 as 32 hex digits. */
	public static String newId() {
		UUID uuid = UUID.randomUUID();
		return toHex(uuid.getMostSignificantBits()) + toHex(uuid.getLeastSignificantBits());
	}

	private static String toHex(long value) {
		String hex = Long.toHexString(value);
		return (hex.length() == 16) ? hex : "0".repeat(16 - hex.length()) + hex;
	}

	/**
	 * Converts call arguments (a record, a bean or a {@code Map<String, ?>}; null for none) to the JSON object
	 * of keyword arguments.
	 * @throws IllegalArgumentException if they do not serialise to a JSON object
	 */
	public ObjectNode argsToJson(Object args) {
		if (args == null) {
			return this.nodes.objectNode();
		}
		JsonNode node = this.mapper.valueToTree(args);
		if (!(node instanceof ObjectNode object)) {
			throw new IllegalArgumentException(
					"RPC args must serialise to a JSON object (a record or a map), not " + args.getClass().getName());
		}
		return object;
	}

	/** Converts a result value to JSON (null stays a JSON null). */
	public JsonNode valueToJson(Object value) {
		return (value == null) ? this.nodes.nullNode() : this.mapper.valueToTree(value);
	}

	// ---- requests ----

	public byte[] encodeRequest(RequestMessage request) {
		ObjectNode inner = this.nodes.objectNode();
		inner.put("method", request.method());
		inner.set("args", request.args());
		if (request.version() != null) {
			inner.put("version", request.version().toString());
		}
		if (request.namespace() != null) {
			inner.put("namespace", request.namespace());
		}
		if (request.msgId() != null) {
			inner.put("_msg_id", request.msgId());
			inner.put("_reply_q", request.replyQueue());
			if (request.callMonitorSeconds() != null) {
				inner.put("_timeout", request.callMonitorSeconds());
			}
			else {
				inner.putNull("_timeout");
			}
		}
		inner.put("_unique_id", request.uniqueId());
		ContextCodec.write(request.context(), inner);
		return envelope(inner);
	}

	/**
	 * Decodes a request body.
	 * @throws MalformedMessageException if it is not JSON, has an unsupported envelope, or lacks a method
	 */
	public RequestMessage decodeRequest(byte[] body) {
		JsonNode inner = open(body);
		JsonNode method = inner.get("method");
		if (method == null || !method.isString() || method.stringValue().isEmpty()) {
			throw new MalformedMessageException("RPC request without a method");
		}
		JsonNode args = inner.get("args");
		ObjectNode argsObject;
		if (args == null || args.isNull()) {
			argsObject = this.nodes.objectNode();
		}
		else if (args instanceof ObjectNode object) {
			argsObject = object;
		}
		else {
			throw new MalformedMessageException("RPC request args must be a JSON object, not " + args.getNodeType());
		}
		RpcVersion version = null;
		String versionText = optionalText(inner, "version");
		if (versionText != null) {
			try {
				version = RpcVersion.parse(versionText);
			}
			catch (IllegalArgumentException ex) {
				throw new MalformedMessageException("bad RPC version '" + versionText + "'", ex);
			}
		}
		JsonNode timeout = inner.get("_timeout");
		Double monitor = (timeout != null && timeout.isNumber()) ? timeout.doubleValue() : null;
		String uniqueId = optionalText(inner, "_unique_id");
		return new RequestMessage(method.stringValue(), argsObject, version, optionalText(inner, "namespace"),
				optionalText(inner, "_msg_id"), optionalText(inner, "_reply_q"), monitor,
				(uniqueId != null) ? uniqueId : newId(), ContextCodec.read(inner));
	}

	// ---- replies ----

	public byte[] encodeReply(ReplyMessage reply) {
		ObjectNode inner = this.nodes.objectNode();
		inner.set("result", (reply.result() != null) ? reply.result() : this.nodes.nullNode());
		if (reply.failure() != null) {
			inner.put("failure", this.writer.writeValueAsString(failureToJson(reply.failure())));
		}
		else {
			inner.putNull("failure");
		}
		inner.put("ending", reply.ending());
		inner.put("_msg_id", reply.msgId());
		inner.put("_unique_id", (reply.uniqueId() != null) ? reply.uniqueId() : newId());
		return envelope(inner);
	}

	/**
	 * Decodes a reply body.
	 * @throws MalformedMessageException if it is not JSON, has an unsupported envelope, or lacks {@code _msg_id}
	 */
	public ReplyMessage decodeReply(byte[] body) {
		JsonNode inner = open(body);
		String msgId = optionalText(inner, "_msg_id");
		if (msgId == null) {
			throw new MalformedMessageException("RPC reply without _msg_id");
		}
		JsonNode failureNode = inner.get("failure");
		RemoteFailure failure = null;
		if (failureNode != null && !failureNode.isNull()) {
			failure = failureFromJson(failureNode.isString() ? parse(failureNode.stringValue()) : failureNode);
		}
		JsonNode ending = inner.get("ending");
		return new ReplyMessage(inner.get("result"), failure, ending != null && ending.asBoolean(), msgId,
				optionalText(inner, "_unique_id"));
	}

	// ---- failures ----

	ObjectNode failureToJson(RemoteFailure failure) {
		ObjectNode json = this.nodes.objectNode();
		json.put("class", failure.className());
		json.put("module", failure.module());
		json.put("message", failure.message());
		ArrayNode tb = json.putArray("tb");
		failure.traceback().forEach(tb::add);
		json.set("args", (failure.args() != null) ? failure.args() : this.nodes.arrayNode());
		json.set("kwargs", (failure.kwargs() != null) ? failure.kwargs() : this.nodes.objectNode());
		return json;
	}

	RemoteFailure failureFromJson(JsonNode json) {
		if (!json.isObject()) {
			return new RemoteFailure("Exception", "builtins", json.asString(), List.of(), null, null);
		}
		List<String> tb = new ArrayList<>();
		JsonNode tbNode = json.get("tb");
		if (tbNode != null && tbNode.isArray()) {
			tbNode.forEach((line) -> tb.add(line.asString()));
		}
		else if (tbNode != null && tbNode.isString()) {
			tb.add(tbNode.stringValue());
		}
		String className = optionalText(json, "class");
		return new RemoteFailure((className != null) ? className : "Exception", optionalText(json, "module"),
				optionalText(json, "message"), tb, json.get("args"), json.get("kwargs"));
	}

	// ---- envelope ----

	private byte[] envelope(ObjectNode inner) {
		// streaming writes: no outer tree, the inner text is escaped once straight into the output buffer
		String innerText = this.writer.writeValueAsString(inner);
		ByteArrayOutputStream out = new ByteArrayOutputStream(innerText.length() + 64);
		try (JsonGenerator generator = this.mapper.createGenerator(out)) {
			generator.writeStartObject();
			generator.writeStringProperty(VERSION_KEY, ENVELOPE_VERSION);
			generator.writeStringProperty(MESSAGE_KEY, innerText);
			generator.writeEndObject();
		}
		return out.toByteArray();
	}

	/** Parses a body and unwraps the envelope, returning the inner message object. */
	JsonNode open(byte[] body) {
		String version = null;
		String message = null;
		boolean envelope = true;
		try (JsonParser parser = this.mapper.createParser(body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				envelope = false;
			}
			else {
				// scan the top-level keys without building a tree; anything else means a legacy body
				while (envelope && parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String name = parser.currentName();
					JsonToken value = parser.nextToken();
					if (VERSION_KEY.equals(name) && value == JsonToken.VALUE_STRING) {
						version = parser.getString();
					}
					else if (MESSAGE_KEY.equals(name) && value == JsonToken.VALUE_STRING) {
						message = parser.getString();
					}
					else {
						envelope = false;
					}
				}
			}
		}
		catch (JacksonException ex) {
			throw new MalformedMessageException("RPC message is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
		if (!envelope || version == null) {
			JsonNode legacy = parse(body); // legacy 1.0: no envelope, the body is the message
			if (!legacy.isObject()) {
				throw new MalformedMessageException("RPC message is not a JSON object");
			}
			if (legacy.has(VERSION_KEY)) {
				throw new MalformedMessageException("bad RPC envelope: " + legacy.get(VERSION_KEY));
			}
			return legacy;
		}
		String major = version.contains(".") ? version.substring(0, version.indexOf('.')) : version;
		if (!"2".equals(major)) {
			throw new MalformedMessageException("unsupported RPC envelope version " + version);
		}
		if (message == null) {
			throw new MalformedMessageException("RPC envelope without an oslo.message string");
		}
		JsonNode inner = parse(message);
		if (!inner.isObject()) {
			throw new MalformedMessageException("oslo.message is not a JSON object");
		}
		return inner;
	}

	private JsonNode parse(byte[] body) {
		try {
			JsonNode node = this.treeReader.readValue(body);
			if (node == null || node.isMissingNode()) {
				throw new MalformedMessageException("empty RPC message");
			}
			return node;
		}
		catch (JacksonException ex) {
			throw new MalformedMessageException("RPC message is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	private JsonNode parse(String text) {
		try {
			JsonNode node = this.treeReader.readValue(text);
			if (node == null || node.isMissingNode()) {
				throw new MalformedMessageException("empty RPC message");
			}
			return node;
		}
		catch (JacksonException ex) {
			throw new MalformedMessageException("RPC message is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	private static String optionalText(JsonNode node, String key) {
		JsonNode value = node.get(key);
		return (value == null || value.isNull()) ? null : value.asString();
	}

	/** The body as text, shortened for log lines. */
	public static String preview(byte[] body) {
		String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
		return (body.length > 300) ? text + "…" : text;
	}

}
