package io.basalt.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonAndProcTest {

	@Test
	void readsAVolumeBody() {
		Object v = Json.parse("""
				{"volume": {"attachments": [], "links": [{"href": "http://x/v3/p/volumes/1", "rel": "self"}],
				 "metadata": {"a": "b"}, "id": "6f1c\\u002d9", "status": "creating", "size": 1, "bootable": "false",
				 "encrypted": false, "name": null, "multiattach": false, "user_id": "u"}}""");
		assertThat(Json.string(v, "volume", "id")).isEqualTo("6f1c-9");
		assertThat(Json.string(v, "volume", "status")).isEqualTo("creating");
		assertThat(Json.string(v, "volume", "size")).isNull();
		assertThat(Json.string(v, "volume", "missing")).isNull();
		assertThat(Json.string(v, "nothing", "id")).isNull();
		@SuppressWarnings("unchecked")
		Map<String, Object> volume = (Map<String, Object>) ((Map<String, Object>) v).get("volume");
		assertThat(volume.get("size")).isEqualTo(1.0);
		assertThat(volume.get("encrypted")).isEqualTo(false);
		assertThat(volume.get("attachments")).isEqualTo(List.of());
	}

	@Test
	void refusesBrokenJson() {
		assertThatThrownBy(() -> Json.parse("{\"a\":")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Json.parse("{\"a\":1} x")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Json.parse("<html>")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void quotes() {
		assertThat(Json.quote("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
	}

	@Test
	void cpuSecondsFromAStatLineWithSpacesInTheName() {
		// pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
		String stat = "4242 (java main) S 1 4242 4242 0 -1 4194560 1000 0 0 0 1234 566 0 0 20 0 40 0 100 0 0";
		assertThat(ProcStats.cpuSecondsFromStat(stat)).isEqualTo(18.0);
	}

	@Test
	void samplesItsOwnProcess() {
		if (!ProcStats.available()) {
			return;
		}
		ProcStats.Sample s = ProcStats.sample(ProcessHandle.current().pid());
		assertThat(s).isNotNull();
		assertThat(s.cpuSeconds()).isPositive();
		assertThat(s.rssBytes()).isPositive();
	}

}
