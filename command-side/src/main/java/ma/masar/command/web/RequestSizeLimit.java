package ma.masar.command.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * No command needs more than a few kilobytes: a body over the limit (64 KiB by default) is refused with
 * 413 before it is read, so a huge request cannot tie up memory or a thread. A register's file for bulk import
 * ({@code /api/imports/}, administrators only) may be larger: {@code masar.max-import-bytes}, 64 MiB by default.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimit extends OncePerRequestFilter {

    private final long maxRequestBytes;
    private final long maxImportBytes;

    RequestSizeLimit(@Value("${masar.max-request-bytes:65536}") long maxRequestBytes,
                     @Value("${masar.max-import-bytes:67108864}") long maxImportBytes) {
        this.maxRequestBytes = maxRequestBytes;
        this.maxImportBytes = maxImportBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long maxBytes = request.getRequestURI().startsWith("/api/imports/") ? maxImportBytes : maxRequestBytes;
        long length = request.getContentLengthLong();
        boolean chunked = length < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        if (length > maxBytes || chunked) {
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write("{\"type\":\"https://masar.example/problems/PayloadTooLarge\","
                    + "\"title\":\"Payload too large\",\"status\":413,\"detail\":\"A request body may hold at most "
                    + maxBytes + " bytes, with a Content-Length\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}
