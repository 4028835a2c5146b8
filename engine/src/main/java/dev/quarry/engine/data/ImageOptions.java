package dev.quarry.engine.data;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.errors.Setting;

import java.util.HashSet;
import java.util.List;

/**
 * How a folder of image files becomes a pool ({@code dataset: {name: images, path: DIR, images:
 * {...}}}): the size and channels every image is decoded to, the classes, and what to do with files
 * that cannot be read.
 *
 * @param height the height every image is resized to, or null to keep the files' own size (which
 *     must then be one size for all)
 * @param width the width, given together with height
 * @param color the channels: {@code auto} (gray when every image is gray, RGB otherwise), {@code gray}
 *     or {@code rgb}
 * @param classes the class names in label order, or null for the class folders' (or the manifest's
 *     labels') names, sorted
 * @param skipBad whether unreadable, empty or corrupt files are skipped and counted instead of
 *     stopping the load with the first one's name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageOptions(Integer height, Integer width, Color color, List<String> classes, boolean skipBad) {

    /** Every image at its own size, channels chosen from the images, classes from the folders. */
    public static final ImageOptions DEFAULTS = new ImageOptions(null, null, Color.AUTO, null, false);

    /** The channels images are decoded to. */
    public enum Color {
        /** Gray when every image is gray (its red, green and blue equal everywhere), RGB otherwise. */
        AUTO,
        /** One channel, BT.601 luma. */
        GRAY,
        /** Three channels. */
        RGB
    }

    /**
     * Validates the options.
     *
     * @param height the height, or null
     * @param width the width, or null
     * @param color the channels (null = auto)
     * @param classes the classes, or null
     * @param skipBad whether bad files are skipped
     */
    public ImageOptions {
        if ((height == null) != (width == null)) {
            throw new InvalidInputException("An image size needs both height and width; got height " + height
                    + ", width " + width + ".", Setting.IMAGE_SIZE);
        }
        if (height != null && (height < 1 || width < 1 || (long) height * width > 16_777_216L)) {
            throw new InvalidInputException("Image size " + height + "x" + width + " must be at least 1x1 and at most "
                    + "16 777 216 pixels.", Setting.IMAGE_SIZE);
        }
        color = color == null ? Color.AUTO : color;
        if (classes != null) {
            if (classes.size() < 2) {
                throw new InvalidInputException("A classifier needs at least 2 classes; got " + classes + ".",
                        Setting.IMAGE_CLASSES);
            }
            if (new HashSet<>(classes).size() != classes.size() || classes.stream().anyMatch(String::isBlank)) {
                throw new InvalidInputException("Class names must be distinct and not blank; got " + classes + ".",
                        Setting.IMAGE_CLASSES);
            }
            classes = List.copyOf(classes);
        }
    }
}
