package sparkbook.engine.testing;

/** How a batch's actual rows are compared with the expected ones. */
public enum RowOrder {
    /** Same rows in the same order (only meaningful when the operation keeps order, e.g. map/filter). */
    EXACT,
    /** Same rows with the same multiplicities, in any order — the right choice after shuffles. */
    ANY_ORDER
}
