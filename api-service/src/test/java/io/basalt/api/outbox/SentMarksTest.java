package io.basalt.api.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

class SentMarksTest {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);

	private final OutboxStore outbox = mock(OutboxStore.class);

	private final List<List<Long>> statements = new ArrayList<>();

	private final SentMarks marks = new SentMarks(this.outbox, new ThreadPoolTaskScheduler(), Duration.ofMillis(100),
			CLOCK);

	SentMarksTest() {
		doAnswer(inv -> this.statements.add(List.copyOf(inv.<List<Long>>getArgument(0)))).when(this.outbox)
			.markSent(anyList(), any(Instant.class));
	}

	@Test
	void marksEveryQueuedRowInOneStatement() {
		this.marks.sent(1);
		this.marks.sent(2);
		this.marks.sent(3);
		assertThat(this.marks.flush()).isEqualTo(3);
		assertThat(this.statements).containsExactly(List.of(1L, 2L, 3L));
		assertThat(this.marks.flush()).isZero();
		assertThat(this.statements).hasSize(1);
	}

	@Test
	void splitsLargeBatches() {
		for (long i = 0; i < SentMarks.MAX_BATCH + 5; i++) {
			this.marks.sent(i);
		}
		assertThat(this.marks.flush()).isEqualTo(SentMarks.MAX_BATCH + 5);
		assertThat(this.statements).extracting(List::size).containsExactly(SentMarks.MAX_BATCH, 5);
	}

	@Test
	void keepsTheIdsOfAFailedStatementForTheNextRun() {
		this.marks.sent(7);
		doThrow(new DataAccessResourceFailureException("database away")).when(this.outbox)
			.markSent(anyList(), any(Instant.class));
		assertThatThrownBy(this.marks::flush).isInstanceOf(DataAccessResourceFailureException.class);
		doAnswer(inv -> this.statements.add(List.copyOf(inv.<List<Long>>getArgument(0)))).when(this.outbox)
			.markSent(anyList(), any(Instant.class));
		assertThat(this.marks.flush()).isEqualTo(1);
		assertThat(this.statements).containsExactly(List.of(7L));
	}

	@Test
	void flushesWhenTheContextStops() {
		this.marks.sent(9);
		this.marks.stop();
		assertThat(this.statements).containsExactly(List.of(9L));
		verify(this.outbox, never()).markSent(anyLong(), any(Instant.class));
	}

}
