package io.callisto.ua.dialog;

import io.callisto.exec.Owners;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import java.util.HashMap;
import java.util.Map;

/**
 * The dialogs of a UA, one plain map per owner: a dialog is only ever touched on the owner thread of its Call-ID
 * (DESIGN principle 3), so no map is shared between threads.
 */
public final class DialogTable {

    private final Map<String, Dialog>[] maps;
    private final int owners;

    @SuppressWarnings("unchecked")
    public DialogTable(int owners) {
        this.owners = owners;
        this.maps = new Map[owners];
        for (int i = 0; i < owners; i++) {
            maps[i] = new HashMap<>();
        }
    }

    private Map<String, Dialog> mapFor(String callId) {
        return maps[Owners.indexOf(callId, owners)];
    }

    public void put(Dialog d) {
        mapFor(d.id().callId()).put(d.id().key(), d);
    }

    public void remove(Dialog d) {
        Map<String, Dialog> m = mapFor(d.id().callId());
        m.remove(d.id().key(), d);
    }

    /** The dialog an incoming request belongs to (local tag = To tag, remote tag = From tag), or null. */
    public Dialog forRequest(SipRequest r) {
        String callId = r.callId();
        return mapFor(callId).get(DialogId.key(callId, r.to().tag(), r.from().tag()));
    }

    /** The dialog a response to our request belongs to (local tag = From tag, remote tag = To tag), or null. */
    public Dialog forResponse(SipResponse r) {
        String callId = r.callId();
        return mapFor(callId).get(DialogId.key(callId, r.from().tag(), r.to().tag()));
    }

    /** The dialog with these identifiers (call on the Call-ID's owner thread), or null. */
    public Dialog get(String callId, String localTag, String remoteTag) {
        return mapFor(callId).get(DialogId.key(callId, localTag, remoteTag));
    }

    /** Dialogs on one owner (call on that owner's thread). */
    public int size(int owner) {
        return maps[owner].size();
    }

    /** Total dialogs; approximate when called off the owner threads. */
    public int size() {
        int n = 0;
        for (Map<String, Dialog> m : maps) {
            n += m.size();
        }
        return n;
    }
}
