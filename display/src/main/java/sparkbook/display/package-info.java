/**
 * MimeBundle, the MIME types and the HTML/style helpers every view builds on. Imports nothing from sparkbook; every
 * display package may import it.
 */
package sparkbook.display;
