package io.callisto.ua.dialog;

import io.callisto.transaction.ServerTransaction;

/**
 * One use of a dialog (RFC 5057 §3): the INVITE usage of a call today; subscription usages (RFC 6665) and others
 * attach to the same dialog later. A dialog ends when its last usage ends. The dialog routes each in-dialog request
 * to the usage that claims its method (and event package, for subscriptions).
 */
public interface DialogUsage {

    /** True when this usage handles an in-dialog request with {@code method} (e.g. BYE, re-INVITE, INFO for a call). */
    boolean handles(String method);

    /** An in-dialog request for this usage, already checked for CSeq order (§12.2.2). */
    void onRequest(Dialog dialog, ServerTransaction transaction);

    /** The dialog is going away (e.g. 481 from the peer, §12.2.1.2): release resources without sending anything. */
    void onDialogTerminated(Dialog dialog);
}
