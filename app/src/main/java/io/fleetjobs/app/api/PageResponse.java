package io.fleetjobs.app.api;

import java.util.List;
import java.util.function.Function;

/** One page of a listing. Pages count from 0. */
public record PageResponse<T>(List<T> items, int page, int size, long totalItems, long totalPages) {

  public static <T> PageResponse<T> of(List<T> items, PageQuery query, long totalItems) {
    long pages = (totalItems + query.size() - 1) / query.size();
    return new PageResponse<>(items, query.page(), query.size(), totalItems, pages);
  }

  public <R> PageResponse<R> map(Function<T, R> mapper) {
    return new PageResponse<>(items.stream().map(mapper).toList(), page, size, totalItems, totalPages);
  }
}
