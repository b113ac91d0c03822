package io.unitize.sandbox;

/**
 * The settings in force that a sandbox server reports about itself at its start cannot be read:
 * the server wrote no settings file (its code predates the file, or it could not write it) or the
 * file is unreadable. The message names the server, the file and the next step.
 */
public class ServerSettingsException extends RuntimeException {

    public ServerSettingsException(String message) {
        super(message);
    }

    public ServerSettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
