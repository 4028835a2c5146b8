package dev.quarry.rfi.sim;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The interference families the simulator emits; their ids are also the RF pool's class names. */
public enum RfiType {
    /** 5G NR downlink OFDM. */
    FIVE_G("5g"),
    /** A pulsed sinusoid (radar). */
    PULSED("pulsed"),
    /** A continuous-wave carrier. */
    CW("cw"),
    /** A pulsed linear chirp. */
    CHIRP("chirp");

    private final String id;

    RfiType(String id) {
        this.id = id;
    }

    /** @return the name used in configs, reports and labels */
    public String id() {
        return id;
    }

    /**
     * Parses an RFI type.
     *
     * @param name {@code 5g}, {@code pulsed}, {@code cw} or {@code chirp}, any case
     * @return the type
     * @throws IllegalArgumentException naming the known types
     */
    public static RfiType parse(String name) {
        for (RfiType type : values()) {
            if (type.id.equalsIgnoreCase(name.strip())) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown RFI type '" + name + "'; known types: "
                + Arrays.stream(values()).map(RfiType::id).collect(Collectors.joining(", ")) + ".");
    }
}
