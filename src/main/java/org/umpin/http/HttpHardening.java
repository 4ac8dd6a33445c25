package org.umpin.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/**
 * What every path of a server umpin's Jetty runs answers alike, before any door sees the request,
 * the paths no door serves included: {@code TRACE} (and {@code TRACK}), which the servlet API
 * would answer by echoing the request's headers, gets 405; and an answer over HTTPS carries
 * {@code Strict-Transport-Security}, so that a browser that once came over HTTPS never sends its
 * password or its session cookie in clear to this host.
 */
public final class HttpHardening implements Filter {

    private static final Set<String> ECHOING = Set.of("TRACE", "TRACK");

    private final String strictTransportSecurity;
    private final String allow;

    /** {@code hsts}: how long a browser keeps to HTTPS (zero: no header); {@code allow}: the methods the server takes. */
    public HttpHardening(Duration hsts, String allow) {
        this.strictTransportSecurity = hsts.isZero() ? null : "max-age=" + hsts.toSeconds();
        this.allow = allow;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse answer = (HttpServletResponse) response;
        if (strictTransportSecurity != null && http.isSecure()) {
            answer.setHeader("Strict-Transport-Security", strictTransportSecurity);
        }
        if (ECHOING.contains(http.getMethod())) {
            answer.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            answer.setHeader("Allow", allow);
            answer.setContentLength(0);
            return;
        }
        chain.doFilter(request, response);
    }
}
