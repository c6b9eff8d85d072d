package io.basalt.api.message;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.basalt.api.ApiProperties;
import io.basalt.api.policy.PolicyRule;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.ListParams;
import io.basalt.api.web.Timestamps;
import io.basalt.common.message.MessageField;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v3/{project_id}/messages} (3.3+): the user messages of a project, newest first, in Cinder's shape; the
 * text is derived from the stored action and detail ids. Delete answers 204, as Cinder.
 */
@RestController
@RequestMapping("/v3/{projectId}/messages")
class MessageController {

	/** The microversion that introduced messages. */
	static final int MIN_VERSION = 3;

	private final MessageStore messages;

	private final ApiProperties properties;

	MessageController(MessageStore messages, ApiProperties properties) {
		this.messages = messages;
		this.properties = properties;
	}

	@PolicyRule("message:get_all")
	@GetMapping
	Map<String, Object> list(ApiRequest req, @RequestParam Map<String, String> query) {
		req.requireVersion(MIN_VERSION);
		ListParams params = ListParams.parse(query, this.properties.maxLimit(), Set.of("created_at"));
		String scope = req.isAdmin() && "1".equals(query.get("all_tenants")) ? null : req.projectId();
		if (params.marker() != null && this.messages.find(params.marker(), scope).isEmpty()) {
			throw ApiException.notFound("Marker " + params.marker() + " could not be found.");
		}
		List<Map<String, Object>> views = this.messages
			.list(scope, params.filters(), params.marker(), params.limit(), params.offset())
			.stream()
			.map(m -> view(req, m))
			.toList();
		return Map.of("messages", views);
	}

	@PolicyRule("message:get")
	@GetMapping("/{id}")
	Map<String, Object> show(ApiRequest req, @PathVariable String id) {
		req.requireVersion(MIN_VERSION);
		return Map.of("message", view(req, get(req, id)));
	}

	@PolicyRule("message:delete")
	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(ApiRequest req, @PathVariable String id) {
		req.requireVersion(MIN_VERSION);
		this.messages.delete(get(req, id).id());
		return ResponseEntity.noContent().build();
	}

	private MessageRecord get(ApiRequest req, String id) {
		return this.messages.find(id, req.isAdmin() ? null : req.projectId())
			.orElseThrow(() -> ApiException.notFound("Message " + id + " could not be found."));
	}

	/** Cinder's {@code views/messages.py} detail: resource fields only when set. */
	static Map<String, Object> view(ApiRequest req, MessageRecord m) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", m.id());
		view.put("event_id", m.eventId());
		view.put("user_message", MessageField.userMessage(m.actionId(), m.detailId()));
		view.put("message_level", m.messageLevel());
		view.put("created_at", Timestamps.format(m.createdAt()));
		view.put("guaranteed_until", Timestamps.format(m.expiresAt()));
		view.put("request_id", m.requestId());
		view.put("links", req.links("messages/" + m.id()));
		if (m.resourceType() != null) {
			view.put("resource_type", m.resourceType());
		}
		if (m.resourceUuid() != null) {
			view.put("resource_uuid", m.resourceUuid());
		}
		return view;
	}

}
