package io.basalt.api.volume;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.basalt.api.AuthConfiguration;
import io.basalt.api.policy.Policy;
import io.basalt.api.policy.PolicyConfiguration;
import io.basalt.api.web.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The web layer of volumes with a mocked {@link VolumeApi}: headers, microversions, auth, faults, views. */
@WebMvcTest(VolumeController.class)
@Import({ Policy.class, PolicyConfiguration.class, AuthConfiguration.class })
class VolumeControllerTests {

	static final String P = "5a1c3e7f9b2d4f6e8a0c1b3d5e7f9a2c";

	static final String ID = "1f76c9ec-c5e6-493f-9182-4cc3e7a4d8eb";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	VolumeApi volumes;

	@MockitoBean
	VolumeActions actions;

	@MockitoBean
	VolumeRetype retype;

	@MockitoBean
	VolumeMigration migration;

	@MockitoBean
	VolumeRevert revert;

	@MockitoBean
	AttachActions attachments;

	static VolumeRecord volume() {
		return new VolumeRecord(ID, P, "admin", "sample-vol-1", "reference sample", 1, "creating", "detached", null,
				null, "nova", null, null, "59849b0c-be0e-47b2-badc-449b4ce2cf6b", "__DEFAULT__", null, null, null,
				false, false, true, null, Instant.parse("2026-11-21T23:45:45.564495Z"), null,
				Map.of("purpose", "sample"));
	}

	@Test
	void createAnswers202WithTheDetailViewAndHeaders() throws Exception {
		given(this.volumes.create(any(), anyMap())).willReturn(volume());
		this.mvc.perform(post("/v3/" + P + "/volumes").header("X-Auth-Token", "admin:" + P)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"volume\": {\"name\": \"sample-vol-1\", \"size\": 1}}"))
			.andExpect(status().isAccepted())
			.andExpect(header().string("OpenStack-API-Version", "volume 3.0"))
			.andExpect(header().string("Vary", "OpenStack-API-Version"))
			.andExpect(header().string("x-openstack-request-id", org.hamcrest.Matchers.startsWith("req-")))
			.andExpect(header().exists("x-compute-request-id"))
			.andExpect(jsonPath("$.volume.created_at").value("2026-11-21T23:45:45.564495"))
			.andExpect(jsonPath("$.volume.updated_at").isEmpty())
			.andExpect(jsonPath("$.volume.bootable").value("false"))
			.andExpect(jsonPath("$.volume.links[0].href").value("http://localhost/v3/" + P + "/volumes/" + ID))
			.andExpect(jsonPath("$.volume.links[1].href").value("http://localhost/" + P + "/volumes/" + ID))
			.andExpect(jsonPath("$.volume.migration_status").isEmpty())
			.andExpect(jsonPath("$.volume.group_id").doesNotExist());
	}

	@Test
	void showAtLatestHasThePerVersionFields() throws Exception {
		given(this.volumes.get(any(), eq(ID))).willReturn(volume());
		this.mvc.perform(get("/v3/" + P + "/volumes/" + ID).header("X-Auth-Token", "admin:" + P)
			.header("OpenStack-API-Version", "volume latest"))
			.andExpect(status().isOk())
			.andExpect(header().string("OpenStack-API-Version", "volume 3.70"))
			.andExpect(jsonPath("$.volume.group_id").isEmpty())
			.andExpect(jsonPath("$.volume.volume_type_id").value("59849b0c-be0e-47b2-badc-449b4ce2cf6b"))
			.andExpect(jsonPath("$.volume.consumes_quota").value(true))
			.andExpect(jsonPath("$.volume['os-vol-tenant-attr:tenant_id']").value(P))
			.andExpect(jsonPath("$.volume['os-vol-host-attr:host']").isEmpty());
	}

	@Test
	void nonAdminSeesNoAdminAttributes() throws Exception {
		given(this.volumes.get(any(), eq(ID))).willReturn(volume());
		this.mvc.perform(get("/v3/" + P + "/volumes/" + ID).header("X-Auth-Token", "alice:" + P)
			.header("X-Roles", "member"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.volume.migration_status").doesNotExist())
			.andExpect(jsonPath("$.volume['os-vol-host-attr:host']").doesNotExist())
			.andExpect(jsonPath("$.volume['os-vol-mig-status-attr:migstat']").doesNotExist())
			// volume_extension:volume_tenant_attribute is a reader rule: a member passes it
			.andExpect(jsonPath("$.volume['os-vol-tenant-attr:tenant_id']").value(P));
	}

	@Test
	void adminSeesTheAdminAttributesAndVisibleAdminMetadata() throws Exception {
		given(this.volumes.get(any(), eq(ID))).willReturn(volume().withVisibleAdminMetadata(Map.of("readonly", "True")));
		this.mvc.perform(get("/v3/" + P + "/volumes/" + ID).header("X-Auth-Token", "admin:" + P))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.volume['os-vol-mig-status-attr:migstat']").isEmpty())
			.andExpect(jsonPath("$.volume['os-vol-mig-status-attr:name_id']").isEmpty())
			.andExpect(jsonPath("$.volume['os-vol-host-attr:host']").isEmpty())
			.andExpect(jsonPath("$.volume.metadata.readonly").value("True"))
			.andExpect(jsonPath("$.volume.metadata.purpose").value("sample"));
	}

	@Test
	void setBootableAnswers200AndTheOtherActions202() throws Exception {
		given(this.volumes.get(any(), eq(ID))).willReturn(volume());
		this.mvc.perform(post("/v3/" + P + "/volumes/" + ID + "/action").header("X-Auth-Token", "admin:" + P)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"os-set_bootable\": {\"bootable\": true}}"))
			.andExpect(status().isOk());
		org.mockito.Mockito.verify(this.actions).setBootable(any(), eq(Map.of("bootable", true)));
		this.mvc.perform(post("/v3/" + P + "/volumes/" + ID + "/action").header("X-Auth-Token", "admin:" + P)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"os-reserve\": null}"))
			.andExpect(status().isAccepted());
		org.mockito.Mockito.verify(this.actions).reserve(any());
	}

	@Test
	void retypeIsDispatchedWithItsArgumentsAndRefusedToAReader() throws Exception {
		given(this.volumes.get(any(), eq(ID))).willReturn(volume());
		String body = "{\"os-retype\": {\"new_type\": \"gold\", \"migration_policy\": \"never\"}}";
		this.mvc.perform(post("/v3/" + P + "/volumes/" + ID + "/action").header("X-Auth-Token", "carol:" + P)
			.header("X-Roles", "reader")
			.contentType(MediaType.APPLICATION_JSON)
			.content(body))
			.andExpect(status().isForbidden());
		org.mockito.Mockito.verifyNoInteractions(this.retype);
		this.mvc.perform(post("/v3/" + P + "/volumes/" + ID + "/action").header("X-Auth-Token", "alice:" + P)
			.header("X-Roles", "member")
			.contentType(MediaType.APPLICATION_JSON)
			.content(body))
			.andExpect(status().isAccepted());
		org.mockito.Mockito.verify(this.retype)
			.retype(any(), any(), eq(Map.of("new_type", "gold", "migration_policy", "never")));
	}

	@Test
	void migrateIsAdminOnlyAndRevertIsForMembers() throws Exception {
		given(this.volumes.get(any(), eq(ID))).willReturn(volume());
		String migrate = "{\"os-migrate_volume\": {\"host\": \"node2@file\"}}";
		this.mvc.perform(post("/v3/" + P + "/volumes/" + ID + "/action").header("X-Auth-Token", "alice:" + P)
			.header("X-Roles", "member")
			.contentType(MediaType.APPLICATION_JSON)
			.content(migrate))
			.andExpect(status().isForbidden());
		org.mockito.Mockito.verifyNoInteractions(this.migration);
		this.mvc.perform(post("/v3/" + P + "/volumes/" + ID + "/action").header("X-Auth-Token", "admin:" + P)
			.contentType(MediaType.APPLICATION_JSON)
			.content(migrate))
			.andExpect(status().isAccepted());
		org.mockito.Mockito.verify(this.migration).migrate(any(), any(), eq(Map.of("host", "node2@file")));
		String revert = "{\"revert\": {\"snapshot_id\": \"s\"}}";
		this.mvc.perform(post("/v3/" + P + "/volumes/" + ID + "/action").header("X-Auth-Token", "carol:" + P)
			.header("X-Roles", "reader")
			.contentType(MediaType.APPLICATION_JSON)
			.content(revert))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/v3/" + P + "/volumes/" + ID + "/action").header("X-Auth-Token", "alice:" + P)
			.header("X-Roles", "member")
			.contentType(MediaType.APPLICATION_JSON)
			.content(revert))
			.andExpect(status().isAccepted());
		org.mockito.Mockito.verify(this.revert).revert(any(), any(), eq(Map.of("snapshot_id", "s")));
	}

	@Test
	void aReaderMayNotReserve() throws Exception {
		given(this.volumes.get(any(), eq(ID))).willReturn(volume());
		this.mvc.perform(post("/v3/" + P + "/volumes/" + ID + "/action").header("X-Auth-Token", "carol:" + P)
			.header("X-Roles", "reader")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"os-reserve\": {}}"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.forbidden.message")
				.value("Policy doesn't allow volume_extension:volume_actions:reserve to be performed."));
		org.mockito.Mockito.verifyNoInteractions(this.actions);
	}

	@Test
	void projectLessPathsNeed367() throws Exception {
		given(this.volumes.get(any(), eq(ID))).willReturn(volume());
		this.mvc.perform(get("/v3/volumes/" + ID).header("X-Auth-Token", "admin:" + P))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.itemNotFound.code").value(404));
		this.mvc.perform(get("/v3/volumes/" + ID).header("X-Auth-Token", "admin:" + P)
			.header("OpenStack-API-Version", "volume 3.67"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.volume.id").value(ID));
	}

	@Test
	void apiExceptionsBecomeCinderFaults() throws Exception {
		given(this.volumes.get(any(), eq(ID))).willThrow(ApiException.notFound("Volume " + ID + " could not be found."));
		this.mvc.perform(get("/v3/" + P + "/volumes/" + ID).header("X-Auth-Token", "admin:" + P))
			.andExpect(status().isNotFound())
			.andExpect(header().string("OpenStack-API-Version", "volume 3.0"))
			.andExpect(jsonPath("$.itemNotFound.message").value("Volume " + ID + " could not be found."));
	}

	@Test
	void overLimitCarriesRetryAfter() throws Exception {
		given(this.volumes.create(any(), anyMap())).willThrow(ApiException.overLimit("VolumeLimitExceeded: x"));
		this.mvc.perform(post("/v3/" + P + "/volumes").header("X-Auth-Token", "admin:" + P)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"volume\": {\"size\": 1}}"))
			.andExpect(status().isContentTooLarge())
			.andExpect(header().string("Retry-After", "0"))
			.andExpect(jsonPath("$.overLimit.retryAfter").value("0"));
	}

	@Test
	void unexpectedErrorsHideTheirMessage() throws Exception {
		given(this.volumes.get(any(), eq(ID))).willThrow(new IllegalStateException("secret detail"));
		this.mvc.perform(get("/v3/" + P + "/volumes/" + ID).header("X-Auth-Token", "admin:" + P))
			.andExpect(status().isInternalServerError())
			.andExpect(jsonPath("$.computeFault.message").value(org.hamcrest.Matchers.not(
					org.hamcrest.Matchers.containsString("secret"))));
	}

	static Stream<Arguments> webFaults() {
		String v = "/v3/" + P + "/volumes";
		return Stream.of(
				Arguments.of(get(v).header("X-Auth-Token", "admin:" + P).header("OpenStack-API-Version", "volume 9.99"),
						406, "computeFault"),
				Arguments.of(get(v).header("X-Auth-Token", "admin:" + P).header("OpenStack-API-Version", "volume foo"),
						400, "badRequest"),
				Arguments.of(get(v).header("X-Auth-Token", "admin:" + P)
					.header("OpenStack-API-Version", "compute 2.1, volume 3.99"), 406, "computeFault"),
				Arguments.of(get(v), 401, "unauthorized"),
				Arguments.of(get(v).header("X-Auth-Token", ":"), 401, "unauthorized"),
				Arguments.of(get(v).header("X-Auth-Token", "bob:other").header("X-Roles", "member"), 403, "forbidden"),
				Arguments.of(patch(v).header("X-Auth-Token", "admin:" + P), 405, "badMethod"),
				Arguments.of(post(v).header("X-Auth-Token", "admin:" + P).contentType(MediaType.APPLICATION_JSON)
					.content("{\"volume\": {"), 400, "badRequest"),
				Arguments.of(post(v).header("X-Auth-Token", "admin:" + P).contentType(MediaType.TEXT_PLAIN)
					.content("x"), 415, "badMediaType"),
				Arguments.of(get(v + "/summary").header("X-Auth-Token", "admin:" + P), 404, "itemNotFound"),
				Arguments.of(post(v + "/" + ID + "/action").header("X-Auth-Token", "admin:" + P)
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"os-nope\": {}}"), 400, "badRequest"),
				Arguments.of(post(v + "/" + ID + "/action").header("X-Auth-Token", "admin:" + P)
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"os-extend\": 5}"), 400, "badRequest"),
				Arguments.of(post(v + "/" + ID + "/action").header("X-Auth-Token", "admin:" + P)
					.contentType(MediaType.APPLICATION_JSON)
					.content("{}"), 400, "badRequest"),
				Arguments.of(get("/v3/" + P + "/nothing").header("X-Auth-Token", "admin:" + P), 404, "itemNotFound"),
				Arguments.of(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
					.delete(v + "/" + ID + "?force=maybe")
					.header("X-Auth-Token", "admin:" + P), 400, "badRequest"));
	}

	@ParameterizedTest
	@MethodSource("webFaults")
	void webLayerFaultsHaveCindersBody(MockHttpServletRequestBuilder request, int status, String name)
			throws Exception {
		this.mvc.perform(request)
			.andExpect(status().is(status))
			.andExpect(header().exists("x-openstack-request-id"))
			.andExpect(jsonPath("$." + name + ".code").value(status))
			.andExpect(jsonPath("$." + name + ".message").isString());
		// an action looks its volume up first (an unknown volume is a 404 whatever the action); nothing else runs
		org.mockito.Mockito.verify(this.volumes, org.mockito.Mockito.atMost(1)).get(any(), any());
		org.mockito.Mockito.verifyNoMoreInteractions(this.volumes);
	}

	@Test
	void listPageHasANextLinkWhenFull() throws Exception {
		given(this.volumes.list(any(), anyMap())).willReturn(new VolumeApi.VolumePage(List.of(volume()), 1, null));
		this.mvc.perform(get("/v3/" + P + "/volumes?limit=1").header("X-Auth-Token", "admin:" + P))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.volumes[0].name").value("sample-vol-1"))
			.andExpect(jsonPath("$.volumes_links[0].rel").value("next"))
			.andExpect(jsonPath("$.volumes_links[0].href")
				.value("http://localhost/v3/" + P + "/volumes?limit=1&marker=" + ID));
	}

}
