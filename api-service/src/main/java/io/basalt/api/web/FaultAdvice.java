package io.basalt.api.web;

import java.util.Map;

import io.basalt.rpc.DeliveryFailure;
import io.basalt.rpc.RpcTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
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
 * id and answered 500 {@code computeFault} with a message that reveals nothing.
 */
@RestControllerAdvice
class FaultAdvice {

	private static final Logger log = LoggerFactory.getLogger(FaultAdvice.class);

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

	@ExceptionHandler({ RpcTimeoutException.class, DeliveryFailure.class })
	ResponseEntity<Map<String, Object>> rpcUnavailable(RuntimeException ex) {
		log.warn("RPC failed: {}", ex.toString());
		return respond(new Fault(HttpStatus.SERVICE_UNAVAILABLE,
				"The service is temporarily unavailable: " + ex.getClass().getSimpleName()));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Map<String, Object>> unexpected(Exception ex) {
		log.error("Unexpected error", ex);
		return respond(new Fault(HttpStatus.INTERNAL_SERVER_ERROR, SERVER_ERROR));
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
