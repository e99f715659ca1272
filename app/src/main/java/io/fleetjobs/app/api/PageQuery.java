package io.fleetjobs.app.api;

import io.fleetjobs.app.common.Refusal;

/** Which page of a listing to return: {@code page} from 0, {@code size} from 1 to {@value #MAX_SIZE}. */
public record PageQuery(int page, int size) {

  public static final int MAX_SIZE = 1000;
  public static final int DEFAULT_SIZE = 50;

  public static PageQuery of(Integer page, Integer size) {
    int p = page == null ? 0 : page;
    int s = size == null ? DEFAULT_SIZE : size;
    if (p < 0) {
      throw Refusal.invalid("page", "page must be 0 or more");
    }
    if (s < 1 || s > MAX_SIZE) {
      throw Refusal.invalid("size", "size must be between 1 and " + MAX_SIZE);
    }
    return new PageQuery(p, s);
  }

  public long offset() {
    return (long) page * size;
  }
}
