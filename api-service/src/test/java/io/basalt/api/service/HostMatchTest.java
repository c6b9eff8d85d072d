package io.basalt.api.service;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HostMatchTest {

	/** A bare host matches itself, its backends and its pools. */
	@Test
	void hostMatchesItsBackendsAndPools() {
		HostMatch m = HostMatch.of("host", "node1");
		assertThat(m.sql()).isEqualTo("(host = ? OR host LIKE ? OR host LIKE ?)");
		assertThat(m.args()).isEqualTo(List.of("node1", "node1#%", "node1@%"));
	}

	/** A backend matches itself and its pools, not another backend of the host. */
	@Test
	void backendMatchesItsPools() {
		HostMatch m = HostMatch.of("v.host", "node1@fake");
		assertThat(m.sql()).isEqualTo("(v.host = ? OR v.host LIKE ?)");
		assertThat(m.args()).isEqualTo(List.of("node1@fake", "node1@fake#%"));
	}

	/** A pool matches exactly. */
	@Test
	void poolMatchesExactly() {
		HostMatch m = HostMatch.of("host", "node1@fake#p");
		assertThat(m.sql()).isEqualTo("host = ?");
		assertThat(m.args()).isEqualTo(List.of("node1@fake#p"));
	}

	/** LIKE wildcards in a value are taken literally. */
	@Test
	void wildcardsAreEscaped() {
		assertThat(HostMatch.of("host", "n_1%@b").args()).isEqualTo(List.of("n_1%@b", "n\\_1\\%@b#%"));
	}

	/** Either name of a binary reaches the stored one; the shown one is Cinder's. */
	@Test
	void binariesByEitherName() {
		assertThat(ServiceBinaries.stored("cinder-volume")).isEqualTo("basalt-volume");
		assertThat(ServiceBinaries.stored("basalt-volume")).isEqualTo("basalt-volume");
		assertThat(ServiceBinaries.stored(null)).isNull();
		assertThat(ServiceBinaries.shown("basalt-scheduler")).isEqualTo("cinder-scheduler");
		assertThat(ServiceBinaries.shown("other")).isEqualTo("other");
	}

}
