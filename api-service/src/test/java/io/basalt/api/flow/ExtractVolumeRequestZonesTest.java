package io.basalt.api.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.basalt.api.group.GroupStore;
import io.basalt.api.service.AvailabilityZones;
import io.basalt.api.type.VolumeType;
import io.basalt.api.type.VolumeTypeService;
import io.basalt.api.volume.VolumeLookup;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.ApiVersion;
import io.basalt.common.scheduler.TypeAvailabilityZones;
import io.basalt.rpc.RequestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The zone of a new volume, as Cinder's {@code _extract_availability_zones}: the one asked for, the type's
 * {@code RESKEY:availability_zones} (checked against the zones that exist, left to the scheduler when several), or
 * the default zone. Known zones here: {@code nova} (the default), {@code az2}, {@code az3}.
 */
class ExtractVolumeRequestZonesTest {

	final VolumeTypeService types = mock(VolumeTypeService.class);

	final AvailabilityZones zones = mock(AvailabilityZones.class);

	final ExtractVolumeRequest extract = new ExtractVolumeRequest(this.types, this.zones, mock(VolumeLookup.class),
			mock(GroupStore.class));

	final ApiRequest request = new ApiRequest(RequestContext.of("u", "p", List.of("member"), false), ApiVersion.MIN,
			"p", "http://h:8776");

	@BeforeEach
	void setUp() {
		Set<String> known = Set.of("nova", "az2", "az3");
		when(this.zones.defaultZone()).thenReturn("nova");
		when(this.zones.isKnown(anyString())).thenAnswer(inv -> known.contains(inv.<String>getArgument(0)));
	}

	private CreateVolumeRequest create(String typeZones, String zone) {
		Map<String, String> specs = (typeZones != null) ? Map.of(TypeAvailabilityZones.KEY, typeZones) : Map.of();
		when(this.types.defaultType("p")).thenReturn(new VolumeType("t1", "gold", null, true, null, specs));
		Map<String, Object> volume = new HashMap<>(Map.of("size", 1));
		if (zone != null) {
			volume.put("availability_zone", zone);
		}
		CreateVolumeContext context = new CreateVolumeContext(this.request, Map.of("volume", volume));
		this.extract.execute(context);
		return context.volumeRequest;
	}

	@Test
	void withoutTypeZonesTheAskedOrTheDefaultZone() {
		CreateVolumeRequest r = create(null, null);
		assertThat(r.availabilityZone()).isEqualTo("nova");
		assertThat(r.requestedZone()).isEqualTo("nova");
		assertThat(create(null, "az3").requestedZone()).isEqualTo("az3");
	}

	@Test
	void severalTypeZonesAndNoneAskedAreTheSchedulersChoice() {
		CreateVolumeRequest r = create("az3, gone, az2", null);
		assertThat(r.zoneLeftToScheduler()).isTrue();
		assertThat(r.availabilityZone()).as("recorded until placed").isEqualTo("az3");
		assertThat(r.requestedZone()).isNull();
	}

	@Test
	void oneKnownTypeZoneIsTheVolumes() {
		CreateVolumeRequest r = create("gone, az2", null);
		assertThat(r.zoneLeftToScheduler()).isFalse();
		assertThat(r.requestedZone()).isEqualTo("az2");
	}

	@Test
	void anAskedZoneMustBeOneOfTheTypes() {
		assertThat(create("az2, az3", "az3").requestedZone()).isEqualTo("az3");
		assertThatThrownBy(() -> create("az2, az3", "nova")).isInstanceOf(ApiException.class)
			.hasMessage("Availability zone 'nova' is invalid.");
		assertThatThrownBy(() -> create("az2", "nowhere")).hasMessage("Availability zone 'nowhere' is invalid.");
	}

	@Test
	void aTypeNoneOfWhoseZonesExistsIsRefused() {
		assertThatThrownBy(() -> create("gone, lost", null)).isInstanceOf(ApiException.class)
			.hasMessage("Volume type is only supported in these availability zones: ['gone', 'lost']");
		assertThatThrownBy(() -> create(" ", "nova"))
			.hasMessage("Volume type is only supported in these availability zones: []");
	}

}
