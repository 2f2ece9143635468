package io.smecredit.loan.common;

import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;
import java.util.function.Function;

/** A page of a listing, answered with a {@code Link: <…>; rel="next"} header when older entries may follow. */
public final class Pages {

    private Pages() {
    }

    /**
     * @param mayHaveMore whether the page is full (a shorter page is the last)
     * @param nextPage    the next page's address, from the page's last entry
     */
    public static <T> RestResponse<List<T>> withNextLink(List<T> page, boolean mayHaveMore,
                                                         Function<T, String> nextPage) {
        RestResponse.ResponseBuilder<List<T>> answer = RestResponse.ResponseBuilder.ok(page);
        if (mayHaveMore && !page.isEmpty()) {
            answer.header("Link", "<" + nextPage.apply(page.get(page.size() - 1)) + ">; rel=\"next\"");
        }
        return answer.build();
    }
}
