package io.basalt.api.transfer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import io.basalt.api.ApiProperties;
import io.basalt.api.policy.PolicyRule;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.ListParams;
import io.basalt.api.web.RequestBodies;
import io.basalt.api.web.Timestamps;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v3/{project_id}/os-volume-transfer} and, from 3.55, {@code /v3/{project_id}/volume-transfers} (which
 * takes and shows {@code no_snapshots} and, from 3.57, shows {@code source_project_id},
 * {@code destination_project_id} and {@code accepted}). Accept is by design called by another project than the one that offered the volume.
 */
@RestController
@RequestMapping({ "/v3/{projectId}/" + TransferController.LEGACY, "/v3/{projectId}/" + TransferController.V355 })
class TransferController {

	static final String LEGACY = "os-volume-transfer";

	static final String V355 = "volume-transfers";

	private final TransferApi transfers;

	private final ApiProperties properties;

	TransferController(TransferApi transfers, ApiProperties properties) {
		this.transfers = transfers;
		this.properties = properties;
	}

	@PolicyRule("volume:create_transfer")
	@PostMapping
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, Object> create(ApiRequest req, HttpServletRequest http, @RequestBody Map<String, Object> body) {
		String collection = collection(req, http);
		RequestBodies.onlyKeys(body, Set.of("transfer"));
		Map<String, Object> t = RequestBodies.element(body, "transfer");
		boolean snapshotsOption = req.version().atLeast(55);
		RequestBodies.onlyKeys(t, snapshotsOption ? Set.of("volume_id", "name", "no_snapshots")
				: Set.of("volume_id", "name"));
		String volumeId = RequestBodies.string(t, "volume_id", 36, 36, false);
		if (volumeId == null) {
			throw RequestBodies.invalid("transfer", t, "'volume_id' is a required property");
		}
		String name = RequestBodies.string(t, "name", 0, 255, true);
		boolean noSnapshots = Boolean.TRUE.equals(RequestBodies.bool(t, "no_snapshots"));
		TransferApi.Created created = this.transfers.create(req, volumeId, name, noSnapshots);
		Map<String, Object> view = detail(req, collection, created.transfer());
		view.put("auth_key", created.authKey());
		return Map.of("transfer", view);
	}

	@PolicyRule("volume:get_all_transfers")
	@GetMapping
	Map<String, Object> list(ApiRequest req, HttpServletRequest http, @RequestParam Map<String, String> query) {
		String collection = collection(req, http);
		return Map.of("transfers", page(req, query).stream().map(t -> summary(req, collection, t)).toList());
	}

	@PolicyRule("volume:get_all_transfers")
	@GetMapping("/detail")
	Map<String, Object> detail(ApiRequest req, HttpServletRequest http, @RequestParam Map<String, String> query) {
		String collection = collection(req, http);
		return Map.of("transfers", page(req, query).stream().map(t -> detail(req, collection, t)).toList());
	}

	@PolicyRule("volume:get_transfer")
	@GetMapping("/{id}")
	Map<String, Object> show(ApiRequest req, HttpServletRequest http, @PathVariable String id) {
		String collection = collection(req, http);
		return Map.of("transfer", detail(req, collection, this.transfers.get(req, id)));
	}

	@PolicyRule("volume:accept_transfer")
	@PostMapping("/{id}/accept")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, Object> accept(ApiRequest req, HttpServletRequest http, @PathVariable String id,
			@RequestBody Map<String, Object> body) {
		String collection = collection(req, http);
		Map<String, Object> a = RequestBodies.element(body, "accept");
		String authKey = RequestBodies.string(a, "auth_key", 1, 255, false);
		if (authKey == null) {
			throw RequestBodies.invalid("accept", a, "'auth_key' is a required property");
		}
		TransferRecord transfer = this.transfers.accept(req, id, authKey);
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", transfer.id());
		view.put("name", transfer.name());
		view.put("volume_id", transfer.volumeId());
		view.put("links", req.links(collection + "/" + transfer.id()));
		return Map.of("transfer", view);
	}

	@PolicyRule("volume:delete_transfer")
	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(ApiRequest req, HttpServletRequest http, @PathVariable String id) {
		collection(req, http);
		this.transfers.delete(req, id);
		return ResponseEntity.accepted().build();
	}

	/** The collection of the request's URL; {@code volume-transfers} is absent (404) below 3.55. */
	private static String collection(ApiRequest req, HttpServletRequest http) {
		if (http.getRequestURI().contains("/" + V355)) {
			req.requireVersion(55);
			return V355;
		}
		return LEGACY;
	}

	private List<TransferRecord> page(ApiRequest req, Map<String, String> query) {
		ListParams params = ListParams.parse(query, this.properties.maxLimit(), Set.of("created_at"));
		String scope = req.isAdmin() && "1".equals(query.get("all_tenants")) ? null : req.projectId();
		if (params.marker() != null) {
			this.transfers.get(req, params.marker()); // 404 for a marker the caller cannot see
		}
		return this.transfers.list(scope, params);
	}

	private static Map<String, Object> summary(ApiRequest req, String collection, TransferRecord t) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", t.id());
		view.put("volume_id", t.volumeId());
		view.put("name", t.name());
		view.put("links", req.links(collection + "/" + t.id()));
		return view;
	}

	/**
	 * Cinder's detail view; on {@code volume-transfers}, {@code no_snapshots} from 3.55 and the transfer history
	 * from 3.57.
	 */
	private static Map<String, Object> detail(ApiRequest req, String collection, TransferRecord t) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", t.id());
		view.put("created_at", Timestamps.format(t.createdAt()));
		view.put("name", t.name());
		view.put("volume_id", t.volumeId());
		view.put("links", req.links(collection + "/" + t.id()));
		if (V355.equals(collection)) {
			view.put("no_snapshots", t.noSnapshots());
		}
		if (V355.equals(collection) && req.version().atLeast(57)) {
			view.put("destination_project_id", t.destinationProjectId());
			view.put("source_project_id", t.sourceProjectId());
			view.put("accepted", t.accepted());
		}
		return view;
	}

}
