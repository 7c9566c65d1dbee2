package io.callisto.ua;

import io.callisto.sip.message.SipRequest;
import io.callisto.sip.uri.Uri;

/**
 * A MESSAGE request received outside a dialog (RFC 3428). The stack has answered it with 200 OK.
 *
 * @param from    the sender's address of record
 * @param to      the recipient's address of record
 * @param body    the content, or null when the MESSAGE had none
 * @param request the request itself
 */
public record IncomingMessage(Uri from, Uri to, Body body, SipRequest request) {
}
