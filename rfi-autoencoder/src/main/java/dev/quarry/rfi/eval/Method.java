package dev.quarry.rfi.eval;

/** The footprint estimates compared in the report. */
public enum Method {
    /** The mean of all cells. */
    NONE("no mitigation"),
    /** SMAP's flag-and-discard: the mean of the cells no detector flagged. */
    FLAG_AND_DISCARD("flag-and-discard"),
    /** The mean of the cells whose true RFI is at most 1 K: what a perfect detector would keep. */
    ORACLE_MASK("oracle mask"),
    /** The mean of the autoencoder's output cells. */
    AUTOENCODER("autoencoder");

    private final String label;

    Method(String label) {
        this.label = label;
    }

    /** @return the name in reports */
    public String label() {
        return label;
    }
}
