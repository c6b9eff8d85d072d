package io.basalt.api.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.basalt.api.web.ListParams.SortKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SortColumnsTest {

	final SortColumns columns = new SortColumns(Map.of("id", "s.id", "name", "COALESCE(s.name, '')",
			"created_at", "s.created_at"));

	/** id is appended as the tie-breaker in the last key's direction, unless it is sorted by already. */
	@Test
	void idBreaksTies() {
		assertThat(this.columns.effective(List.of(new SortKey("name", true))))
			.containsExactly(new SortKey("name", true), new SortKey("id", true));
		assertThat(this.columns.effective(List.of(new SortKey("id", false)))).containsExactly(new SortKey("id", false));
	}

	/** After a marker: strictly beyond it on the first key, or equal on the first and beyond on the next. */
	@Test
	void keysetConditionAndOrder() {
		List<SortKey> keys = List.of(new SortKey("created_at", true), new SortKey("id", false));
		List<Object> args = new ArrayList<>();
		String after = this.columns.after(keys, new Object[] { "t", "i" }, args);
		assertThat(after).isEqualTo(" AND ((s.created_at > ?) OR (s.created_at = ? AND s.id < ?))");
		assertThat(args).containsExactly("t", "t", "i");
		ListParams params = ListParams.parse(Map.of("limit", "5", "offset", "2"), 1000, this.columns.keys());
		assertThat(this.columns.orderLimit(keys, params))
			.isEqualTo(" ORDER BY s.created_at ASC, s.id DESC LIMIT 5 OFFSET 2");
		assertThat(this.columns.select(keys)).isEqualTo("s.created_at, s.id");
	}

}
