package io.basalt.api.volume;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.basalt.api.policy.Policy;
import io.basalt.api.policy.PolicyRule;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.ListParams;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v3/{project_id}/volumes}: create, list, show, update, delete and actions. */
@RestController
@RequestMapping("/v3/{projectId}/volumes")
class VolumeController {

	private final VolumeApi volumes;

	private final VolumeActions actions;

	private final VolumeRetype retype;

	private final VolumeMigration migration;

	private final VolumeRevert revert;

	private final AttachActions attachments;

	private final Policy policy;

	VolumeController(VolumeApi volumes, VolumeActions actions, VolumeRetype retype, VolumeMigration migration,
			VolumeRevert revert, AttachActions attachments, Policy policy) {
		this.volumes = volumes;
		this.actions = actions;
		this.retype = retype;
		this.migration = migration;
		this.revert = revert;
		this.attachments = attachments;
		this.policy = policy;
	}

	@PolicyRule("volume:create")
	@PostMapping
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, Object> create(ApiRequest req, @RequestBody Map<String, Object> body) {
		return Map.of("volume", VolumeViews.detail(req, this.volumes.create(req, body),
				VolumeViews.Extensions.NONE));
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

	@PolicyRule("volume:get_all")
	@GetMapping("/summary")
	Map<String, Object> summary(ApiRequest req, @RequestParam Map<String, String> query) {
		req.requireVersion(12);
		return this.volumes.summary(req, VolumeQuery.allTenants(query));
	}

	@PolicyRule("volume:get")
	@GetMapping("/{id}")
	Map<String, Object> show(ApiRequest req, @PathVariable String id) {
		VolumeRecord volume = this.volumes.get(req, id);
		return Map.of("volume", VolumeViews.detail(req, volume, VolumeViews.Extensions.allowed(this.policy, req),
				this.attachments.shown(req, List.of(volume)).getOrDefault(volume.id(), List.of())));
	}

	@PolicyRule("volume:update")
	@PutMapping("/{id}")
	Map<String, Object> update(ApiRequest req, @PathVariable String id, @RequestBody Map<String, Object> body) {
		return Map.of("volume", VolumeViews.detail(req, this.volumes.update(req, id, body),
				VolumeViews.Extensions.NONE));
	}

	@PolicyRule("volume:delete")
	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(ApiRequest req, @PathVariable String id,
			@RequestParam(defaultValue = "false") String cascade, @RequestParam(defaultValue = "false") String force) {
		boolean forced = truthy(force, "force");
		if (forced) {
			req.requireVersion(23);
			this.policy.authorize(req, "volume:force_delete");
		}
		this.volumes.delete(req, id, truthy(cascade, "cascade"), forced);
		return ResponseEntity.accepted().build();
	}

	@PolicyRule(PolicyRule.PER_ACTION)
	@PostMapping("/{id}/action")
	ResponseEntity<Object> action(ApiRequest req, @PathVariable String id, @RequestBody Map<String, Object> body) {
		if (body == null || body.size() != 1) {
			throw ApiException.badRequest("There is either no action or more than one action in the request body.");
		}
		Map.Entry<String, Object> action = body.entrySet().iterator().next();
		// as Cinder: the volume is found (404) before the action is known or authorized
		VolumeRecord volume = this.volumes.get(req, id);
		String name = action.getKey();
		String rule = VolumeActionRules.rule(name);
		if (rule == null) {
			throw ApiException.badRequest("There is no such action: " + name);
		}
		this.policy.authorize(req, rule);
		Object value = action.getValue();
		switch (name) {
			case "os-extend" -> this.volumes.extend(req, id, arguments(name, value));
			case "os-reset_status" -> this.volumes.resetStatus(req, id, arguments(name, value));
			case "os-force_delete" -> this.volumes.delete(req, id, false, true);
			case "os-set_bootable" -> {
				this.actions.setBootable(volume, arguments(name, value));
				// Cinder answers this one action 200 (with no body)
				return ResponseEntity.ok().build();
			}
			// these four take no arguments: Cinder ignores whatever the body holds
			case "os-reserve" -> this.actions.reserve(volume);
			case "os-unreserve" -> this.actions.unreserve(volume);
			case "os-begin_detaching" -> this.actions.beginDetaching(volume);
			case "os-roll_detaching" -> this.actions.rollDetaching(volume);
			case "os-update_readonly_flag" -> this.actions.updateReadonlyFlag(volume, arguments(name, value));
			case "os-attach" -> this.attachments.attach(req, volume, arguments(name, value));
			case "os-detach" -> this.attachments.detach(req, volume, arguments(name, value));
			case "os-force_detach" -> this.attachments.forceDetach(req, volume, arguments(name, value));
			case "os-initialize_connection" -> {
				// the one action answering a body (200)
				return ResponseEntity.ok(this.attachments.initializeConnection(req, volume, arguments(name, value)));
			}
			case "os-terminate_connection" -> this.attachments.terminateConnection(req, volume,
					arguments(name, value));
			case "os-retype" -> this.retype.retype(req, volume, arguments(name, value));
			case "os-migrate_volume" -> this.migration.migrate(req, volume, arguments(name, value));
			case "os-migrate_volume_completion" -> {
				return ResponseEntity.ok()
					.body(this.migration.completion(req, volume, arguments(name, value),
							other -> this.volumes.get(req, other)));
			}
			case "revert" -> this.revert.revert(req, volume, arguments(name, value));
			default -> throw ApiException.badRequest("There is no such action: " + name);
		}
		return ResponseEntity.accepted().build();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> arguments(String action, Object value) {
		if (value == null) {
			return Map.of();
		}
		if (!(value instanceof Map)) {
			throw ApiException.badRequest("Invalid input for field/attribute " + action + ". Value: " + value + ". "
					+ value + " is not of type 'object'");
		}
		return (Map<String, Object>) value;
	}

	private Map<String, Object> page(ApiRequest req, Map<String, String> query, boolean detail) {
		VolumeApi.VolumePage page = this.volumes.list(req, query);
		VolumeViews.Extensions extensions = detail ? VolumeViews.Extensions.allowed(this.policy, req) : null;
		Map<String, List<Map<String, Object>>> attached = detail
				? this.attachments.shown(req, page.volumes()) : Map.of();
		List<Map<String, Object>> views = page.volumes().stream()
			.map(v -> detail ? VolumeViews.detail(req, v, extensions, attached.getOrDefault(v.id(), List.of()))
					: VolumeViews.summary(req, v))
			.toList();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("volumes", views);
		if (page.nextLimit() != null) {
			String last = page.volumes().get(page.volumes().size() - 1).id();
			body.put("volumes_links", List.of(ApiRequest.link("next",
					ListParams.nextHref(req, detail ? "volumes/detail" : "volumes", query, page.nextLimit(), last))));
		}
		if (page.count() != null) {
			body.put("count", page.count());
		}
		return body;
	}

	private static boolean truthy(String value, String name) {
		return switch (value.toLowerCase()) {
			case "true", "t", "1", "yes", "y", "on" -> true;
			case "false", "f", "0", "no", "n", "off", "" -> false;
			default -> throw ApiException.badRequest("Invalid value '" + value + "' for " + name + ".");
		};
	}

}
