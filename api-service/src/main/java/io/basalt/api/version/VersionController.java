package io.basalt.api.version;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.basalt.api.ApiProperties;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.ApiVersion;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lists the API versions: {@code GET /} answers 300 Multiple Choices, {@code GET /v3/} 200, same body. */
@RestController
class VersionController {

	private final ApiProperties properties;

	VersionController(ApiProperties properties) {
		this.properties = properties;
	}

	@GetMapping("/")
	ResponseEntity<Versions> root(HttpServletRequest request) {
		return ResponseEntity.status(HttpStatus.MULTIPLE_CHOICES).body(versions(request));
	}

	@GetMapping({ "/v3", "/v3/" })
	Versions v3(HttpServletRequest request) {
		return versions(request);
	}

	private Versions versions(HttpServletRequest request) {
		String base = (this.properties.publicEndpoint() != null)
				? this.properties.publicEndpoint().toString().replaceAll("/+$", "")
				: request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
		Map<String, String> describedBy = new LinkedHashMap<>();
		describedBy.put("rel", "describedby");
		describedBy.put("type", "text/html");
		describedBy.put("href", "https://docs.openstack.org/");
		Map<String, String> mediaType = new LinkedHashMap<>();
		mediaType.put("base", "application/json");
		mediaType.put("type", "application/vnd.openstack.volume+json;version=3");
		var links = List.of(describedBy, ApiRequest.link("self", base + "/v3/"));
		var mediaTypes = List.of(mediaType);
		return new Versions(List.of(new Version("v3.0", "CURRENT", ApiVersion.MAX.toString(),
				ApiVersion.MIN.toString(), "2022-08-31T00:00:00Z", links, mediaTypes)));
	}

	/** The body. */
	record Versions(List<Version> versions) {
	}

	/** One version entry. */
	record Version(String id, String status, String version, @com.fasterxml.jackson.annotation.JsonProperty("min_version") String minVersion,
			String updated, List<Map<String, String>> links,
			@com.fasterxml.jackson.annotation.JsonProperty("media-types") List<Map<String, String>> mediaTypes) {
	}

}
