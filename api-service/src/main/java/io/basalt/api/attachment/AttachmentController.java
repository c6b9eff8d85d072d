package io.basalt.api.attachment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.basalt.api.policy.PolicyRule;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.ListParams;
import io.basalt.api.web.RequestBodies;
import io.basalt.api.web.Uuids;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v3/{project_id}/attachments} (microversion 3.27+, Cinder Zed's {@code api/v3/attachments.py}): create,
 * list, list detail, show, update (connect), {@code os-complete} (3.44) and delete. Cinder authorizes show and
 * list by the volume's project only; Basalt names {@code volume:get}/{@code volume:get_all} for them.
 */
@RestController
@RequestMapping("/v3/{projectId}/attachments")
class AttachmentController {

	/** 3.27: the attachments API. */
	static final int NEW_ATTACH = 27;

	/** 3.44: {@code os-complete}. */
	static final int ATTACHMENT_COMPLETE = 44;

	/** 3.54: {@code mode} in create. */
	static final int CREATE_MODE_ARG = 54;

	private static final int MAX_LIMIT = 1000;

	private static final Set<String> FILTERS = Set.of("volume_id", "status", "attach_status", "instance_id",
			"all_tenants");

	private final AttachmentApi attachments;

	private final AttachmentStore store;

	AttachmentController(AttachmentApi attachments, AttachmentStore store) {
		this.attachments = attachments;
		this.store = store;
	}

	@PolicyRule("volume:attachment_create")
	@PostMapping
	Map<String, Object> create(ApiRequest req, @RequestBody Map<String, Object> body) {
		req.requireVersion(NEW_ATTACH);
		Map<String, Object> attachment = RequestBodies.element(body, "attachment");
		Set<String> allowed = req.version().atLeast(CREATE_MODE_ARG)
				? Set.of("instance_uuid", "connector", "volume_uuid", "mode")
				: Set.of("instance_uuid", "connector", "volume_uuid");
		RequestBodies.onlyKeys(attachment, allowed);
		String volumeId = uuid(attachment, "volume_uuid", true);
		String instance = uuid(attachment, "instance_uuid", false);
		Map<String, Object> connector = connector(attachment, false);
		String mode = null;
		if (attachment.get("mode") != null) {
			Object m = attachment.get("mode");
			if (!(m instanceof String s) || !AttachmentStatuses.MODES.contains(s)) {
				throw RequestBodies.invalid("mode", m, "'" + m + "' is not one of ['rw', 'ro']");
			}
			mode = s;
		}
		return Map.of("attachment",
				AttachmentViews.detail(this.attachments.create(req, volumeId, instance, connector, mode)));
	}

	@PolicyRule("volume:get_all")
	@GetMapping
	Map<String, Object> list(ApiRequest req, @RequestParam Map<String, String> query) {
		return page(req, query, false);
	}

	@PolicyRule("volume:get_all")
	@GetMapping("/detail")
	Map<String, Object> detail(ApiRequest req, @RequestParam Map<String, String> query) {
		return page(req, query, true);
	}

	@PolicyRule("volume:get")
	@GetMapping("/{id}")
	Map<String, Object> show(ApiRequest req, @PathVariable String id) {
		req.requireVersion(NEW_ATTACH);
		return Map.of("attachment", AttachmentViews.detail(this.attachments.get(req, id)));
	}

	@PolicyRule("volume:attachment_update")
	@PutMapping("/{id}")
	Map<String, Object> update(ApiRequest req, @PathVariable String id, @RequestBody Map<String, Object> body) {
		req.requireVersion(NEW_ATTACH);
		AttachmentRecord found = this.attachments.get(req, id);
		Map<String, Object> attachment = RequestBodies.element(body, "attachment");
		RequestBodies.onlyKeys(attachment, Set.of("connector"));
		Map<String, Object> connector = connector(attachment, true);
		return Map.of("attachment", AttachmentViews.detail(this.attachments.update(req, found, connector)));
	}

	@PolicyRule("volume:attachment_complete")
	@PostMapping("/{id}/action")
	ResponseEntity<Void> action(ApiRequest req, @PathVariable String id, @RequestBody Map<String, Object> body) {
		req.requireVersion(NEW_ATTACH);
		AttachmentRecord found = this.attachments.get(req, id);
		if (body == null || body.size() != 1) {
			throw ApiException.badRequest("There is either no action or more than one action in the request body.");
		}
		String name = body.keySet().iterator().next();
		if (!"os-complete".equals(name) || !req.version().atLeast(ATTACHMENT_COMPLETE)) {
			throw ApiException.badRequest("There is no such action: " + name);
		}
		this.attachments.complete(found);
		return ResponseEntity.noContent().build();
	}

	@PolicyRule("volume:attachment_delete")
	@DeleteMapping("/{id}")
	Map<String, Object> delete(ApiRequest req, @PathVariable String id) {
		req.requireVersion(NEW_ATTACH);
		AttachmentRecord found = this.attachments.get(req, id);
		return AttachmentViews.list(this.attachments.delete(req, found), false);
	}

	private Map<String, Object> page(ApiRequest req, Map<String, String> query, boolean detail) {
		req.requireVersion(NEW_ATTACH);
		ListParams params = ListParams.parse(query, MAX_LIMIT, Set.of("created_at"));
		Set<String> invalid = new TreeSet<>(params.filters().keySet());
		invalid.removeAll(FILTERS);
		if (!invalid.isEmpty()) {
			throw ApiException.badRequest("Invalid filters " + String.join(", ", invalid) + " are provided.");
		}
		StringBuilder where = new StringBuilder();
		List<Object> args = new ArrayList<>();
		if (!(req.isAdmin() && ListParams.allTenants(query))) {
			where.append(" AND v.project_id = ?");
			args.add(req.projectId());
		}
		filter(where, args, "a.volume_id::text", params.filters().get("volume_id"));
		filter(where, args, "a.instance_uuid", params.filters().get("instance_id"));
		filter(where, args, "a.attach_status", params.filters().get("status"));
		filter(where, args, "a.attach_status", params.filters().get("attach_status"));
		if (params.marker() != null) {
			UUID marker = Uuids.parse(params.marker());
			if (marker == null) {
				throw ApiException.badRequest("Invalid input received: marker " + params.marker() + " is not a uuid");
			}
			where.append(" AND (a.created_at, a.id) < (SELECT m.created_at, m.id FROM volume_attachments m"
					+ " WHERE m.id = ?)");
			args.add(marker);
		}
		return AttachmentViews.list(this.store.list(where.toString(), args, params.limit(), params.offset()), detail);
	}

	private static void filter(StringBuilder where, List<Object> args, String column, String value) {
		if (value != null) {
			where.append(" AND ").append(column).append(" = ?");
			args.add(value);
		}
	}

	private static String uuid(Map<String, Object> body, String field, boolean required) {
		Object value = body.get(field);
		if (value == null) {
			if (required) {
				throw RequestBodies.invalid("attachment", body, "'" + field + "' is a required property");
			}
			return null;
		}
		if (!(value instanceof String s) || Uuids.parse(s) == null) {
			throw RequestBodies.invalid(field, value, "'" + value + "' is not a 'uuid'");
		}
		return s;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> connector(Map<String, Object> body, boolean required) {
		Object value = body.get("connector");
		if (value == null) {
			if (required) {
				throw RequestBodies.invalid("attachment", body, "'connector' is a required property");
			}
			return null;
		}
		if (!(value instanceof Map)) {
			throw RequestBodies.invalid("connector", value, value + " is not of type 'object', 'null'");
		}
		return (Map<String, Object>) value;
	}

}
