package dev.quarry.labeling;

import java.util.OptionalLong;
import java.util.regex.Pattern;

/** Quarry item ids as people's tools write them: non-negative decimal numbers, checked in one place. */
final class ItemIds {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

    private ItemIds() {}

    /**
     * Reads an item id.
     *
     * @param text the text, such as {@code data.item_id} or a URL segment
     * @return the id, or empty when the text is not one
     */
    static OptionalLong parse(String text) {
        return text != null && DIGITS.matcher(text).matches() ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.empty();
    }
}
