package io.basalt.scheduler;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.basalt.common.capability.BackendCapabilities;
import io.basalt.common.capability.Capacity;
import io.basalt.common.capability.PoolCapabilities;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.common.scheduler.SchedulerHints;
import io.basalt.common.scheduler.VolumeTypeSpec;
import io.basalt.scheduler.host.PoolState;

/** Test fixtures: pools, backend reports and requests with sensible defaults. */
public final class Pools {

	public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private Pools() {
	}

	/** A pool builder named {@code name} ({@code host@backend#pool}), 100 GiB total and free, thin, ratio 1. */
	public static Builder pool(String name) {
		return new Builder(name);
	}

	/** A request of {@code size} GiB with no extra specs, zone or hints. */
	public static RequestSpec request(int size) {
		return request(size, Map.of());
	}

	/** A request of {@code size} GiB whose volume type has {@code extraSpecs}. */
	public static RequestSpec request(int size, Map<String, String> extraSpecs) {
		return new RequestSpec("11111111-1111-1111-1111-111111111111", "p1", size,
				new VolumeTypeSpec("t1", "type", extraSpecs), null, null, null, SchedulerHints.NONE);
	}

	/** A copy of {@code r} asking for zone {@code zone}. */
	public static RequestSpec inZone(RequestSpec r, String zone) {
		return new RequestSpec(r.volumeId(), r.projectId(), r.size(), r.volumeType(), zone, null, null, r.hints());
	}

	/** A copy of {@code r} with {@code hints}. */
	public static RequestSpec withHints(RequestSpec r, SchedulerHints hints) {
		return new RequestSpec(r.volumeId(), r.projectId(), r.size(), r.volumeType(), r.availabilityZone(), null,
				null, hints);
	}

	/** A backend report with the given pools, backend name {@code lvm}, protocol iSCSI, zone {@code nova}. */
	public static BackendCapabilities report(PoolCapabilities... pools) {
		return new BackendCapabilities("lvm", "Open Source", "3.0.0", "iSCSI", "nova", List.of(pools));
	}

	/** Fluent pool fixture. */
	public static final class Builder {

		private final String name;

		private Capacity total = Capacity.of(100);

		private Capacity free = Capacity.of(100);

		private double allocated;

		private double provisioned;

		private double ratio = 1.0;

		private int reserved;

		private boolean thin = true;

		private boolean thick;

		private long volumes;

		private String zone = "nova";

		private String backendName = "lvm";

		private String protocol = "iSCSI";

		private final Map<String, String> extra = new HashMap<>();

		Builder(String name) {
			this.name = name;
		}

		public Builder total(Capacity c) {
			this.total = c;
			return this;
		}

		public Builder total(double gb) {
			return total(Capacity.of(gb));
		}

		public Builder free(Capacity c) {
			this.free = c;
			return this;
		}

		public Builder free(double gb) {
			return free(Capacity.of(gb));
		}

		public Builder allocated(double gb) {
			this.allocated = gb;
			return this;
		}

		public Builder provisioned(double gb) {
			this.provisioned = gb;
			return this;
		}

		public Builder ratio(double r) {
			this.ratio = r;
			return this;
		}

		public Builder reserved(int pct) {
			this.reserved = pct;
			return this;
		}

		public Builder thin(boolean t) {
			this.thin = t;
			return this;
		}

		public Builder thick(boolean t) {
			this.thick = t;
			return this;
		}

		public Builder volumes(long n) {
			this.volumes = n;
			return this;
		}

		public Builder zone(String z) {
			this.zone = z;
			return this;
		}

		public Builder backendName(String n) {
			this.backendName = n;
			return this;
		}

		public Builder protocol(String p) {
			this.protocol = p;
			return this;
		}

		public Builder extra(String key, String value) {
			this.extra.put(key, value);
			return this;
		}

		public PoolCapabilities caps() {
			String poolName = this.name.substring(this.name.indexOf('#') + 1);
			return new PoolCapabilities(poolName, this.total, this.free, this.allocated, this.provisioned, this.ratio,
					this.reserved, this.thin, this.thick, this.volumes, false, this.extra);
		}

		public PoolState build() {
			String backend = this.name.substring(0, this.name.indexOf('#'));
			return new PoolState(this.name, backend, this.backendName, this.protocol, "Open Source", "3.0.0",
					this.zone, caps(), T0);
		}

	}

}
