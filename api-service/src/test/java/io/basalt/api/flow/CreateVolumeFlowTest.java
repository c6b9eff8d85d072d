package io.basalt.api.flow;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.basalt.api.volume.VolumeRecord;
import io.basalt.api.volume.VolumeStore;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.ApiVersion;
import io.basalt.common.state.VolumeStatus;
import io.basalt.rpc.RequestContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The flow's task order and reverts, with every task mocked. */
class CreateVolumeFlowTest {

	final ExtractVolumeRequest extract = mock(ExtractVolumeRequest.class);

	final QuotaReserve reserve = mock(QuotaReserve.class);

	final EntryCreate entry = mock(EntryCreate.class);

	final QuotaCommit commit = mock(QuotaCommit.class);

	final VolumeCast cast = mock(VolumeCast.class);

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	CreateVolumeFlow flow;

	final ApiRequest request = new ApiRequest(RequestContext.of("u", "p", List.of("member"), false), ApiVersion.MIN,
			"p", "http://h:8776");

	final VolumeRecord volume = new VolumeRecord("1f76c9ec-c5e6-493f-9182-4cc3e7a4d8eb", "p", "u", null, null, 1,
			"creating", "detached", null, null, "nova", null, null, "t", "__DEFAULT__", null, null, null, false, false,
			true, null, Instant.EPOCH, null, Map.of());

	@BeforeEach
	void setUp() {
		this.flow = new CreateVolumeFlow(this.extract, this.reserve, this.entry, this.commit, this.cast,
				TransactionOperations.withoutTransaction(), this.meters);
		doAnswer(inv -> {
			((CreateVolumeContext) inv.getArgument(0)).volume = this.volume;
			return null;
		}).when(this.entry).execute(any());
	}

	@Test
	void runsTheFiveTasksInOrderAndCountsTheVolume() {
		VolumeRecord created = this.flow.create(this.request, Map.of());
		assertThat(created).isEqualTo(this.volume);
		InOrder order = inOrder(this.extract, this.reserve, this.entry, this.commit, this.cast);
		order.verify(this.extract).execute(any());
		// inside the transaction: entry and outbox row first, the quota lock last (held for the shortest time)
		order.verify(this.entry).execute(any());
		order.verify(this.cast).stage(any());
		order.verify(this.reserve).execute(any());
		order.verify(this.commit).execute(any());
		assertThat(this.meters.counter("basalt.api.volumes.created").count()).isEqualTo(1.0);
		assertThat(this.meters.timer("basalt.api.create.flow", "outcome", "success").count()).isEqualTo(1);
	}

	@Test
	void aFailureInsideTheTransactionLeavesTheRollbackToTheDatabase() {
		doThrow(new IllegalStateException("insert failed")).when(this.entry).execute(any());
		assertThatThrownBy(() -> this.flow.create(this.request, Map.of())).hasMessage("insert failed");
		verify(this.extract).revert(any(), any());
		verify(this.reserve, never()).revert(any(), any());
		verify(this.cast, never()).stage(any());
		assertThat(this.meters.timer("basalt.api.create.flow", "outcome", "error").count()).isEqualTo(1);
	}

	@Test
	void overQuotaIsTimedAsSuchAndSendsNothing() {
		doThrow(ApiException.overLimit("VolumeLimitExceeded")).when(this.reserve).execute(any());
		assertThatThrownBy(() -> this.flow.create(this.request, Map.of())).isInstanceOf(ApiException.class);
		// the entry and the outbox row were written in the same transaction: its rollback removes them (checked
		// against a real database by ApiServiceIT.overQuotaIsRejectedAndCreatesNothing), so nothing is cast
		verify(this.entry, never()).revert(any(), any());
		assertThat(this.meters.timer("basalt.api.create.flow", "outcome", "over_quota").count()).isEqualTo(1);
		assertThat(this.meters.counter("basalt.api.volumes.created").count()).isZero();
	}

	@Test
	void entryCreateRevertPutsTheVolumeIntoError() {
		VolumeStore store = mock(VolumeStore.class);
		when(store.transition(any(), any(), any())).thenReturn(true);
		EntryCreate task = new EntryCreate(store, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
		CreateVolumeContext context = new CreateVolumeContext(this.request, Map.of());
		task.revert(context, new RuntimeException("x"));
		verify(store, never()).transition(any(), any(), any());
		context.volume = this.volume;
		task.revert(context, new RuntimeException("x"));
		verify(store).transition(this.volume.id(), VolumeStatus.CREATE_FAILED, Instant.EPOCH);
	}

	@Test
	void quotaReserveRevertRollsTheReservationBack() {
		io.basalt.api.quota.QuotaEngine engine = mock(io.basalt.api.quota.QuotaEngine.class);
		QuotaReserve task = new QuotaReserve(engine);
		CreateVolumeContext context = new CreateVolumeContext(this.request, Map.of());
		context.reservations = List.of("r1", "r2");
		task.revert(context, new RuntimeException("x"));
		verify(engine).rollback(List.of("r1", "r2"));
	}

}
