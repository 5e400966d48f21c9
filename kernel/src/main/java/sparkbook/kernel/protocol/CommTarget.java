package sparkbook.kernel.protocol;

import com.google.gson.JsonObject;

/** Something in the kernel a front end talks to over comms: it opens a comm to the target by name, then sends data. */
public interface CommTarget {
    /** A comm to this target was opened, with the data it was opened with (often the whole request). */
    void opened(String commId, JsonObject data);

    /** A message on a comm opened to this target. */
    void message(String commId, JsonObject data);
}
