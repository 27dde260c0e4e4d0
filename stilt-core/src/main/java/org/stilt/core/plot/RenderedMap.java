package org.stilt.core.plot;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * A drawn footprint map and what was drawn.
 *
 * @param image            the map, RGB; owned by the caller
 * @param frame            where the grid is in the image
 * @param colourBar        the colour bar's gradient, pixels
 * @param scale            the colour scale used, or null for an empty footprint drawn without a range
 * @param empty            whether no shown cell is above zero (the map then says "empty footprint")
 * @param title            the title drawn
 * @param layerDescription which layers are shown, e.g. "sum of 6 hourly layers ..."
 * @param receptor         the receptor position used, or null when none was known
 * @param receptorSource   where the position came from: "options", "file attributes" or "none"
 * @param receptorShown    whether the marker lies inside the plot area (and so was drawn)
 *
 * <p>Thread-safety: not thread-safe (the image is mutable); confine to one thread or stop modifying the image.
 */
public record RenderedMap(BufferedImage image, MapFrame frame, PixelBox colourBar, LogColorScale scale, boolean empty,
                          String title, String layerDescription, ReceptorPosition receptor, String receptorSource,
                          boolean receptorShown) {

    public RenderedMap {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(colourBar, "colourBar");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(layerDescription, "layerDescription");
        Objects.requireNonNull(receptorSource, "receptorSource");
    }
}
