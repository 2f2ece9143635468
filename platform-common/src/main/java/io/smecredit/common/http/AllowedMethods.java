package io.smecredit.common.http;

import io.quarkus.arc.Arc;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP methods a path of this service answers, for the {@code Allow} header RFC 9110 requires on a 405: the REST
 * layer's own 405 carries none. Read once from the JAX-RS annotations of the resource beans.
 */
public final class AllowedMethods {

    private record Route(Pattern path, String method) {
    }

    private static final Pattern PARAMETER = Pattern.compile("\\{\\s*[^}:\\s]+\\s*(?::\\s*([^}]+))?}");
    private static volatile List<Route> routes;

    private AllowedMethods() {
    }

    /** The methods answered at {@code path}, as an {@code Allow} value ("DELETE, GET, HEAD, OPTIONS"), if any. */
    public static Optional<String> at(String path) {
        TreeSet<String> methods = new TreeSet<>();
        for (Route route : routes()) {
            if (route.path().matcher(path).matches()) {
                methods.add(route.method());
            }
        }
        if (methods.isEmpty()) {
            return Optional.empty();
        }
        // JAX-RS answers HEAD wherever it answers GET, and OPTIONS everywhere.
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        methods.add("OPTIONS");
        return Optional.of(String.join(", ", methods));
    }

    private static List<Route> routes() {
        List<Route> known = routes;
        if (known == null) {
            known = scan();
            routes = known;
        }
        return known;
    }

    private static List<Route> scan() {
        List<Route> found = new ArrayList<>();
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            Path classPath = type.getAnnotation(Path.class);
            if (classPath == null) {
                continue;
            }
            for (Method method : type.getMethods()) {
                String httpMethod = httpMethodOf(method);
                if (httpMethod != null) {
                    Path methodPath = method.getAnnotation(Path.class);
                    found.add(new Route(pattern(classPath.value() + "/" + (methodPath == null ? ""
                            : methodPath.value())), httpMethod));
                }
            }
        }
        return List.copyOf(found);
    }

    private static String httpMethodOf(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod httpMethod = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (httpMethod != null) {
                return httpMethod.value();
            }
        }
        return null;
    }

    /**
     * A JAX-RS path template as a regular expression: each {name} one segment, {name: regex} its own regex (one
     * without braces; this service's paths have none).
     */
    static Pattern pattern(String template) {
        String path = ("/" + template).replaceAll("/+", "/");
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        StringBuilder regex = new StringBuilder();
        Matcher parameter = PARAMETER.matcher(path);
        int at = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(path.substring(at, parameter.start())));
            regex.append('(').append(parameter.group(1) == null ? "[^/]+" : parameter.group(1).strip()).append(')');
            at = parameter.end();
        }
        regex.append(Pattern.quote(path.substring(at)));
        return Pattern.compile(regex + "/?");
    }
}
