/**
 * Magics ({@code %name} lines, {@code %%name} cells): what a magic line is ({@code MagicLine}), the registry of
 * magics, and the runner that interleaves them with the cell's Java. It uses the interpreter and nothing of the
 * protocol.
 */
package sparkbook.kernel.magic;
