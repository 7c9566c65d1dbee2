package io.callisto.jmh;

import gov.nist.core.CommonLogger;
import gov.nist.core.StackLogger;
import java.util.Properties;

/**
 * A JAIN-SIP {@link StackLogger} that drops everything. jain-sip-ri declares log4j as "provided", so without this
 * the first log call of its parser would fail with NoClassDefFoundError; with it, logging costs JAIN-SIP nothing,
 * which is the fair setting for a parser benchmark. No stack is created, so no ServerLogger is needed.
 */
public final class QuietStackLogger implements StackLogger {
    private static final QuietStackLogger INSTANCE = new QuietStackLogger();

    /** Routes all of JAIN-SIP's CommonLogger calls here. Idempotent; call before using any JAIN-SIP class. */
    public static synchronized void install() {
        CommonLogger.useLegacyLogger = true;
        CommonLogger.legacyLogger = INSTANCE;
    }

    @Override public void logStackTrace() {}
    @Override public void logStackTrace(int traceLevel) {}
    @Override public int getLineCount() { return 0; }
    @Override public void logException(Throwable ex) {}
    @Override public void logDebug(String message) {}
    @Override public void logDebug(String message, Exception ex) {}
    @Override public void logTrace(String message) {}
    @Override public void logFatalError(String message) { System.err.println("JAIN-SIP fatal: " + message); }
    @Override public void logError(String message) {}
    @Override public boolean isLoggingEnabled() { return false; }
    @Override public boolean isLoggingEnabled(int logLevel) { return false; }
    @Override public void logError(String message, Exception ex) {}
    @Override public void logWarning(String message) {}
    @Override public void logInfo(String message) {}
    @Override public void disableLogging() {}
    @Override public void enableLogging() {}
    @Override public void setBuildTimeStamp(String buildTimeStamp) {}
    @Override public void setStackProperties(Properties stackProperties) {}
    @Override public String getLoggerName() { return "callisto-jmh-quiet"; }
}
