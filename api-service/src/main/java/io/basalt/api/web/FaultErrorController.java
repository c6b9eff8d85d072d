package io.basalt.api.web;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's last resort ({@code /error}): errors raised outside Spring MVC (in a filter, by the servlet
 * container) are answered with a Cinder fault too, never the whitelabel page.
 */
@RestController
class FaultErrorController implements ErrorController {

	@RequestMapping("/error")
	ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int status = (code instanceof Integer i) ? i : 500;
		String message = switch (status) {
			case 400 -> "Malformed request";
			case 404 -> "The resource could not be found.";
			case 405 -> "The method specified is not allowed for this resource.";
			case 413 -> "Request is too large.";
			case 415 -> "Unsupported Content-Type";
			default -> (status >= 500) ? FaultAdvice.SERVER_ERROR : HttpStatus.valueOf(status).getReasonPhrase();
		};
		return FaultAdvice.respond(new Fault(status, message, null));
	}

}
