package io.callisto.bench.report.internal;

import java.util.List;

/**
 * CSV as RFC 4180 has it: fields separated by commas, records ended by CRLF, and a field that contains a comma, a
 * double quote, a CR or an LF (or starts or ends with a space) enclosed in double quotes, with each double quote
 * inside doubled.
 */
public final class Csv {

    private Csv() {
    }

    /**
     * One field, quoted when it has to be.
     *
     * @param s the value (null: empty)
     * @return the field
     */
    public static String field(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        boolean quote = s.startsWith(" ") || s.endsWith(" ");
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /**
     * One record, ending with CRLF.
     *
     * @param fields the values
     * @return the record
     */
    public static String record(List<String> fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(field(fields.get(i)));
        }
        return b.append("\r\n").toString();
    }
}
