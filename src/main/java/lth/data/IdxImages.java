package lth.data;

/** The content of one IDX image file: {@code count} images of rows x cols, scaled to 0..1. */
public record IdxImages(int count, int rows, int cols, float[] pixels) {}
