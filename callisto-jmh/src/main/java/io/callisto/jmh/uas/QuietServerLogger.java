package io.callisto.jmh.uas;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import javax.sip.SipStack;

/**
 * A JAIN-SIP message logger ({@code gov.nist.javax.sip.SERVER_LOGGER}) that records nothing. The stack creates it by
 * reflection, so it is public and has a public no-argument constructor. With it, the benchmark UAS spends no time on
 * message logs, which is the setting a production deployment would measure.
 */
public final class QuietServerLogger implements ServerLogger {

    /** Creates the logger; the stack calls this by reflection. */
    public QuietServerLogger() {
    }

    @Override public void closeLogFile() {}
    @Override public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {}
    @Override public void logMessage(SIPMessage message, String from, String to, String status, boolean sender,
                                     long time) {}
    @Override public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {}
    @Override public void logException(Exception ex) {}
    @Override public void setStackProperties(Properties stackProperties) {}
    @Override public void setSipStack(SipStack sipStack) {}
}
