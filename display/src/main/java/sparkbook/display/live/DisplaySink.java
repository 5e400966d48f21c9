package sparkbook.display.live;

import sparkbook.display.MimeBundle;

/**
 * Where live displays go. The kernel implements this on top of iopub; tests record calls.
 * Both methods are called from the display update thread or from the thread calling
 * {@link LiveDisplay#finish()}, never concurrently for the same display id.
 */
public interface DisplaySink {
    /** First appearance: send {@code display_data} with {@code transient.display_id = displayId}. */
    void show(String displayId, MimeBundle data);

    /** Replace an earlier appearance in place: send {@code update_display_data}. */
    void update(String displayId, MimeBundle data);
}
