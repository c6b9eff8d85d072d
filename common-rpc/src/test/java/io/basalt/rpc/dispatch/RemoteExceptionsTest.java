package io.basalt.rpc.dispatch;

import java.util.List;

import io.basalt.rpc.InvalidArguments;
import io.basalt.rpc.NoSuchMethod;
import io.basalt.rpc.RemoteError;
import io.basalt.rpc.RpcException;
import io.basalt.rpc.UnsupportedVersion;
import io.basalt.rpc.fixtures.VolumeNotFound;
import io.basalt.rpc.wire.RemoteFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RemoteExceptionsTest {

	private final RemoteExceptions exceptions = new RemoteExceptions(List.of("io.basalt.*"));

	/** An allowed RpcException subclass comes back as itself with its message. */
	@Test
	void recreatesKnownExceptions() {
		RemoteFailure failure = this.exceptions.toFailure(new VolumeNotFound("Volume v1 could not be found."));
		assertThat(failure.className()).isEqualTo("VolumeNotFound");
		assertThat(failure.module()).isEqualTo("io.basalt.rpc.fixtures");
		assertThat(failure.traceback()).isNotEmpty();

		RpcException back = this.exceptions.toException(failure);
		assertThat(back).isExactlyInstanceOf(VolumeNotFound.class).hasMessage("Volume v1 could not be found.");
	}

	/** Dispatcher errors travel as oslo's and come back as ours. */
	@Test
	void dispatcherErrorsUseOsloModule() {
		RemoteFailure noSuch = this.exceptions.toFailure(new NoSuchMethod("Endpoint does not support RPC method x"));
		assertThat(noSuch.module()).isEqualTo("oslo_messaging.rpc.dispatcher");
		assertThat(this.exceptions.toException(noSuch)).isExactlyInstanceOf(NoSuchMethod.class);
		RemoteFailure unsupported = this.exceptions.toFailure(new UnsupportedVersion("v"));
		assertThat(this.exceptions.toException(unsupported)).isExactlyInstanceOf(UnsupportedVersion.class);
	}

	/** Scenario table: what a failure from (module, class) becomes on a Java client. */
	@ParameterizedTest(name = "{0}.{1} -> {2}")
	@CsvSource({ "builtins, ValueError, RemoteError",
			"cinder.exception, VolumeNotFound, RemoteError",
			"java.lang, IllegalStateException, RemoteError", // not allowed, and not an RpcException
			"io.basalt.rpc, InvalidArguments, InvalidArguments",
			"io.basalt.rpc, Nope, RemoteError", // no such class
			"io.basalt.rpc.dispatch, RemoteExceptions, RemoteError", // not an exception
			"io.basalt.rpc.fixtures, VolumeNotFound, VolumeNotFound",
			"io.basaltx, Foo, RemoteError" })
	void mapsFailures(String module, String className, String expected) {
		RpcException ex = this.exceptions
			.toException(new RemoteFailure(className, module, "msg", List.of("tb1", "tb2"), null, null));
		assertThat(ex.getClass().getSimpleName()).isEqualTo(expected);
		if (ex instanceof RemoteError remote) {
			assertThat(remote.excType()).isEqualTo(className);
			assertThat(remote.module()).isEqualTo(module);
			assertThat(remote.remoteMessage()).isEqualTo("msg");
			assertThat(remote.traceback()).isEqualTo("tb1\ntb2");
		}
		else {
			assertThat(ex).hasMessage("msg");
		}
	}

	/** Package patterns: "x.*" covers x and below; a plain name covers exactly that package. */
	@Test
	void packagePatterns() {
		RemoteExceptions exact = new RemoteExceptions(List.of("io.basalt.rpc.fixtures"));
		assertThat(exact.isAllowed("io.basalt.rpc.fixtures")).isTrue();
		assertThat(exact.isAllowed("io.basalt.rpc")).isFalse();
		assertThat(this.exceptions.isAllowed("io.basalt")).isTrue();
		assertThat(this.exceptions.isAllowed("io.basaltx")).isFalse();
		assertThat(new RemoteExceptions(List.of()).toException(this.exceptions.toFailure(new InvalidArguments("m"))))
			.isInstanceOf(RemoteError.class);
	}

}
