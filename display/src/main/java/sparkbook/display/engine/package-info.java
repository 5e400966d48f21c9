/**
 * LiveStreams, the one adapter from the engine's live machinery (session, metrics listener, taps) to coalesced live
 * displays: it picks a stream's view from its StreamShape. May import any display package and the engine; nothing in
 * display imports it.
 */
package sparkbook.display.engine;
