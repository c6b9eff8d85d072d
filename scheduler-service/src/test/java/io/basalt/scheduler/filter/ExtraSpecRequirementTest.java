package io.basalt.scheduler.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExtraSpecRequirementTest {

	static Stream<Arguments> operators() {
		return Stream.of(
				// <is>
				Arguments.of(true, "<is> True", true), Arguments.of(false, "<is> True", false),
				Arguments.of("1", "<is> yes", true), Arguments.of("off", "<is> False", true),
				Arguments.of(true, "<is>", false),
				// = (float at least)
				Arguments.of(100.0, "= 50", true), Arguments.of(40L, "= 50", false),
				Arguments.of("abc", "= 50", false),
				// numeric
				Arguments.of(100L, "== 100", true), Arguments.of("100", "== 100.0", true),
				Arguments.of("abc", "== 1", false), Arguments.of(100L, "!= 100", false),
				Arguments.of(101L, "!= 100", true), Arguments.of(100L, ">= 100", true),
				Arguments.of(99L, ">= 100", false), Arguments.of(99L, "<= 100", true),
				Arguments.of(101L, "<= 100", false),
				// string
				Arguments.of("abc", "s== abc", true), Arguments.of("abc", "s!= abc", false),
				Arguments.of("abc", "s< abd", true), Arguments.of("abd", "s<= abd", true),
				Arguments.of("abc", "s> abd", false), Arguments.of("abe", "s>= abd", true),
				Arguments.of(true, "s== True", true),
				// <in>, <or>, <all-in>
				Arguments.of("gold silver", "<in> silver", true), Arguments.of("bronze", "<in> silver", false),
				Arguments.of("ssd", "<or> hdd <or> ssd", true), Arguments.of("nvme", "<or> hdd <or> ssd", false),
				Arguments.of(List.of("a", "b", "c"), "<all-in> a c", true),
				Arguments.of(List.of("a", "b", "c"), "<all-in> a d", false),
				Arguments.of("a,b,c", "<all-in> a c", true),
				// plain equality and lists
				Arguments.of("lvm", "lvm", true), Arguments.of("ceph", "lvm", false),
				Arguments.of(true, "True", true), Arguments.of(true, "true", true), Arguments.of(false, "True", false),
				Arguments.of(100.0, "100", true), Arguments.of(List.of("iSCSI", "iscsi"), "iscsi", true),
				Arguments.of(List.of("iSCSI", "iscsi"), "<in> SCSI", true),
				Arguments.of(List.of("NFS", "nfs"), "iscsi", false),
				// a missing capability never matches
				Arguments.of(null, "lvm", false), Arguments.of(null, "<is> False", false));
	}

	/** Cinder's extra-spec operators (plus Nova's <all-in>), one case per row. */
	@ParameterizedTest(name = "{0} ~ ''{1}'' -> {2}")
	@MethodSource("operators")
	void matches(Object value, String requirement, boolean expected) {
		assertThat(ExtraSpecRequirement.parse(requirement).matches(value)).isEqualTo(expected);
	}

}
