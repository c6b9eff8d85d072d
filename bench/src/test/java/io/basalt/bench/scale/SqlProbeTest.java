package io.basalt.bench.scale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlProbeTest {

	static final String PLAN = """
			 Update on volumes v  (cost=0.70..17.17 rows=1 width=62) (actual time=0.030..0.031 rows=0 loops=1)
			   Buffers: shared hit=12 read=3
			   CTE c
			     ->  Limit  (cost=0.27..8.30 rows=1 width=30) (actual time=0.028..0.029 rows=0 loops=1)
			           ->  Index Scan using volumes_unsettled_idx on volumes  (cost=0.27..8.29 rows=1 width=30)
			                 Buffers: shared hit=2
			   ->  Nested Loop  (cost=0.42..8.87 rows=1 width=62) (never executed)
			         ->  Index Scan using volumes_pkey on volumes v  (cost=0.42..8.44 rows=1 width=30)
			         ->  Seq Scan on snapshots  (cost=0.00..1.00 rows=1 width=30)
			         ->  Bitmap Index Scan on volumes_created_idx  (cost=0.00..42.61 rows=826 width=0)
			 Execution Time: 0.080 ms
			""";

	@Test
	void readsTheScansOfAPlan() {
		assertThat(SqlProbe.scans(PLAN)).isEqualTo(
				"Index Scan volumes_unsettled_idx, Index Scan volumes_pkey, Seq Scan snapshots, Bitmap Index Scan volumes_created_idx");
	}

	@Test
	void readsTheRootsBuffers() {
		assertThat(SqlProbe.rootBuffers(PLAN)).isEqualTo(15);
		assertThat(SqlProbe.rootBuffers("no buffers")).isZero();
	}

}
