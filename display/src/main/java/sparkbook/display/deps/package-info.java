/** Views of dependency resolution: the progress of a {@code %maven} download, shown in place in its cell. */
package sparkbook.display.deps;
