package lth.model;

import java.util.Locale;

/** Which architecture to build: a registry name and a width multiplier (1.0 = the paper's widths). */
public record ModelSpec(String name, double width) {
    public ModelSpec {
        name = name.toLowerCase(Locale.ROOT);
        if (!(width > 0)) throw new IllegalArgumentException("model width must be > 0, got " + width);
    }

    public String canonical() { return width == 1.0 ? name : name + "@w" + width; }
}
