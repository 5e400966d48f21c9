package sparkbook.kernel.protocol;

import com.google.gson.annotations.SerializedName;
import sparkbook.display.MimeBundle;

import java.util.Map;

/**
 * The contents of display_data and update_display_data: a bundle's formats and metadata as they are, and the display
 * id that lets a later update replace it in place.
 */
final class Display {
    static final MessageType<Data> DATA = new MessageType<>("display_data");
    static final MessageType<Data> UPDATE = new MessageType<>("update_display_data");

    private Display() {}

    record Data(Map<String, Object> data, Map<String, Object> metadata, @SerializedName("transient") Transient transientPart) {
        static Data of(MimeBundle bundle, String displayId) {
            return new Data(bundle.data(), bundle.metadata(), new Transient(displayId));
        }
    }

    record Transient(String displayId) {}
}
