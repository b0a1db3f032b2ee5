package io.emuflow.cli;

/** Turns an exception chain into the single line a user sees. */
final class ErrorMessages {
    private ErrorMessages() {}

    static String oneLine(Throwable error) {
        Throwable root = error;
        StringBuilder line = new StringBuilder();
        while (root != null) {
            String message = root.getMessage();
            if (message != null && !message.isBlank() && line.indexOf(message) < 0) {
                if (line.length() > 0) {
                    line.append(": ");
                }
                line.append(message);
            }
            if (root.getCause() == root) {
                break;
            }
            root = root.getCause();
        }
        String text = line.length() == 0 ? error.getClass().getSimpleName() : line.toString();
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
