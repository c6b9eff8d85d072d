package io.basalt.api.web;

import java.util.Map;

import io.basalt.rpc.BrokerUnavailable;
import io.basalt.rpc.RpcException;
import io.basalt.rpc.RpcTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every exception a handler throws into Cinder's fault body with the matching status, as Cinder's
 * {@code FaultWrapper}: nothing ever leaves as a Spring error page. Unexpected errors are logged with the request
 * id and answered 500 {@code computeFault} with a message that reveals nothing; an unreachable database or
 * broker (anywhere in the cause chain) is 503 {@code serviceUnavailable} with {@code Retry-After}.
 */
@RestControllerAdvice
class FaultAdvice {

	private static final Logger log = LoggerFactory.getLogger(FaultAdvice.class);

	/** Seconds a client should wait before retrying a 503. */
	static final String RETRY_AFTER_SECONDS = "5";

	static final String SERVER_ERROR = "The server has either erred or is incapable of performing the requested operation.";

	@ExceptionHandler(ApiException.class)
	ResponseEntity<Map<String, Object>> api(ApiException ex) {
		return respond(ex.fault());
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException ex) {
		return respond(new Fault(HttpStatus.BAD_REQUEST, "Malformed request body"));
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException ex) {
		return respond(new Fault(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Content-Type"));
	}

	@ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
	ResponseEntity<Map<String, Object>> notAcceptable(HttpMediaTypeNotAcceptableException ex) {
		return respond(new Fault(HttpStatus.NOT_ACCEPTABLE, "Unsupported Accept header"));
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException ex) {
		return respond(new Fault(HttpStatus.METHOD_NOT_ALLOWED, "The method specified is not allowed for this resource."));
	}

	@ExceptionHandler({ NoResourceFoundException.class, NoHandlerFoundException.class })
	ResponseEntity<Map<String, Object>> noRoute(Exception ex) {
		return respond(new Fault(HttpStatus.NOT_FOUND, "The resource could not be found."));
	}

	@ExceptionHandler({ TypeMismatchException.class, MissingServletRequestParameterException.class,
			MethodArgumentNotValidException.class, HandlerMethodValidationException.class,
			jakarta.validation.ConstraintViolationException.class })
	ResponseEntity<Map<String, Object>> badInput(Exception ex) {
		return respond(new Fault(HttpStatus.BAD_REQUEST, "Invalid input received: " + summary(ex)));
	}

	/**
	 * A dependency that cannot be reached right now (the database, the broker, a scheduler that does not answer)
	 * is 503 {@code serviceUnavailable} with {@code Retry-After}, never 500: the request changed nothing (its
	 * transaction, if any, did not commit) and may be sent again.
	 */
	@ExceptionHandler({ BrokerUnavailable.class, RpcTimeoutException.class, DataAccessResourceFailureException.class,
			TransientDataAccessResourceException.class, RecoverableDataAccessException.class,
			CannotCreateTransactionException.class })
	ResponseEntity<Map<String, Object>> unavailable(Exception ex) {
		return unavailableFault(ex);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Map<String, Object>> unexpected(Exception ex) {
		if (unavailableCause(ex) != null) {
			return unavailableFault(ex);
		}
		log.error("Unexpected error", ex);
		return respond(new Fault(HttpStatus.INTERNAL_SERVER_ERROR, SERVER_ERROR));
	}

	private static ResponseEntity<Map<String, Object>> unavailableFault(Exception ex) {
		Throwable cause = unavailableCause(ex);
		boolean broker = cause instanceof RpcException;
		log.warn("{} unavailable: {}", broker ? "Broker/RPC" : "Database", String.valueOf(cause));
		String what = (cause instanceof RpcTimeoutException) ? "a service did not answer in time"
				: broker ? "the message broker cannot be reached" : "the database cannot be reached";
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		Fault fault = new Fault(HttpStatus.SERVICE_UNAVAILABLE, "The service is temporarily unavailable: " + what
				+ ". Please retry later.");
		return ResponseEntity.status(fault.status()).headers(headers).contentType(MediaType.APPLICATION_JSON)
			.body(fault.body());
	}

	/** The first throwable in the cause chain that says a dependency is unreachable, or null. */
	static Throwable unavailableCause(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof BrokerUnavailable || t instanceof RpcTimeoutException
					|| t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessResourceException
					|| t instanceof RecoverableDataAccessException || t instanceof CannotCreateTransactionException
					|| lostConnection(t)) {
				return t;
			}
		}
		return null;
	}

	/**
	 * An {@link java.sql.SQLException} that says the connection itself is gone: SQLSTATE class {@code 08}
	 * (connection exception, e.g. {@code 08003} "Connection is closed", {@code 08006} a broken link) or
	 * {@code 57P01}–{@code 57P03} (the server is shutting down, crashed or not accepting connections yet). JDBC
	 * paths translate these into the resource-failure types above, but Hibernate's (the JPA catalog) may wrap them
	 * in a {@code JpaSystemException}, so the cause chain is read too. HikariCP's "Connection is closed" (no
	 * SQLSTATE) counts as well: when the session was cut inside a transaction, the rollback fails on it and
	 * Spring throws that failure instead of the query's.
	 */
	private static boolean lostConnection(Throwable t) {
		if (!(t instanceof java.sql.SQLException sql)) {
			return false;
		}
		String state = sql.getSQLState();
		if (state == null) {
			// HikariCP's closed-connection proxy says so without a SQLSTATE: what a transaction's rollback meets
			// after the server cut the session (Spring then throws the rollback's failure, not the query's)
			return "Connection is closed".equals(sql.getMessage());
		}
		return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
	}

	private static String summary(Exception ex) {
		if (ex instanceof MethodArgumentNotValidException manv && manv.getBindingResult().getFieldError() != null) {
			var error = manv.getBindingResult().getFieldError();
			return error.getField() + " " + error.getDefaultMessage();
		}
		if (ex instanceof TypeMismatchException tme) {
			return "invalid value for " + tme.getPropertyName();
		}
		if (ex instanceof MissingServletRequestParameterException missing) {
			return "missing parameter " + missing.getParameterName();
		}
		return "invalid request";
	}

	static ResponseEntity<Map<String, Object>> respond(Fault fault) {
		HttpHeaders headers = new HttpHeaders();
		if (fault.retryAfter() != null) {
			headers.set(HttpHeaders.RETRY_AFTER, fault.retryAfter());
		}
		return ResponseEntity.status(fault.status()).headers(headers).contentType(MediaType.APPLICATION_JSON)
			.body(fault.body());
	}

}
