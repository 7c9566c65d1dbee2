package io.callisto.exec;

/**
 * The set of owners a stack runs on, and the rule that maps a Call-ID to its owner. All messages of one Call-ID
 * (requests, responses, CANCEL, ACK, retransmissions) go to the same owner, so transaction and dialog tables can be
 * plain per-owner maps.
 */
public interface Owners {

    /** How many owners there are. */
    int size();

    /** The owner at {@code index}, {@code 0 <= index < size()}. */
    Owner get(int index);

    /** The owner of a Call-ID: a stable hash of its text modulo {@link #size()}. */
    default Owner ownerOf(CharSequence callId) {
        return get(indexOf(callId, size()));
    }

    /** The owner index for a Call-ID; exposed so that per-owner tables can be sized and addressed alike. */
    static int indexOf(CharSequence callId, int owners) {
        if (owners == 1 || callId == null) {
            return 0;
        }
        int h = 0;
        for (int i = 0; i < callId.length(); i++) {
            h = 31 * h + callId.charAt(i);
        }
        h ^= h >>> 16;
        return Math.floorMod(h, owners);
    }
}
