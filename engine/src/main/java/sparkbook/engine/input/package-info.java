/**
 * Inputs a notebook feeds by hand (LiveQueue, DropFolder, LineServer, RateReceiver) and the manual-clock stepper.
 * May import errors and SparkbookStreamingAccess, never api.
 */
package sparkbook.engine.input;
