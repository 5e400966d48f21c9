package sparkbook.display.table;

/** Semantic emphasis for a cell; renderers decide how it looks (colour in HTML, a sigil in text). */
public enum Mark { NONE, GOOD, BAD, CHANGED, IN_WINDOW }
