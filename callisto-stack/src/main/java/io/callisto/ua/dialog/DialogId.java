package io.callisto.ua.dialog;

/**
 * A dialog's identity (RFC 3261 §12): Call-ID, local tag and remote tag, seen from this UA. For a UAC the local tag
 * is the From tag; for a UAS it is the To tag it chose.
 */
public record DialogId(String callId, String localTag, String remoteTag) {

    /** The table key: the three parts joined by a character that cannot occur in a tag or Call-ID unescaped. */
    public String key() {
        return key(callId, localTag, remoteTag);
    }

    /** The key of the dialog a message belongs to, from its parts. */
    public static String key(String callId, String localTag, String remoteTag) {
        return callId + '\n' + localTag + '\n' + remoteTag;
    }
}
