package io.callisto.server.store.internal;

import io.callisto.server.location.Binding;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads the body of one {@link LocationJournal} record written by {@link RecordWriter}. The body has passed its
 * checksum, but it is still read defensively: a length that runs past the body ends the replay of the segment
 * with an {@link java.io.IOException} instead of an exception escaping or a huge allocation.
 */
final class RecordReader {

    private final ByteBuffer body;

    RecordReader(ByteBuffer body) {
        this.body = body;
    }

    /** CRC-32C of the remaining bytes of {@code body}, as {@link RecordWriter} computes it. */
    static int crc(ByteBuffer body) {
        CRC32C c = new CRC32C();
        c.update(body.duplicate());
        return (int) c.getValue();
    }

    byte readByte() throws java.io.IOException {
        try {
            return body.get();
        } catch (BufferUnderflowException e) {
            throw new java.io.IOException("journal record too short");
        }
    }

    Binding readBinding() throws java.io.IOException {
        try {
            String aor = readString();
            String contact = readString();
            double q = Double.longBitsToDouble(body.getLong());
            long expiresAt = body.getLong();
            String callId = readString();
            long cseq = body.getLong();
            String instanceId = readString();
            int regId = body.getInt();
            int paths = body.getInt();
            if (paths < 0 || paths > body.remaining() / 4) {
                throw new java.io.IOException("journal record: bad Path count " + paths);
            }
            List<String> path = new ArrayList<>(paths);
            for (int i = 0; i < paths; i++) {
                path.add(readString());
            }
            String source = readString();
            String flow = readString();
            String node = readString();
            String userAgent = readString();
            long updatedAt = body.getLong();
            if (aor == null || contact == null || callId == null) {
                throw new java.io.IOException("journal record: a binding without AoR, contact or Call-ID");
            }
            return new Binding(aor, contact, q, expiresAt, callId, cseq, instanceId, regId, path, source, flow, node,
                    userAgent, updatedAt);
        } catch (BufferUnderflowException e) {
            throw new java.io.IOException("journal record too short");
        }
    }

    String readString() throws java.io.IOException {
        try {
            int n = body.getInt();
            if (n == -1) {
                return null;
            }
            if (n < 0 || n > body.remaining()) {
                throw new java.io.IOException("journal record: bad string length " + n);
            }
            String s = new String(body.array(), body.arrayOffset() + body.position(), n, StandardCharsets.UTF_8);
            body.position(body.position() + n);
            return s;
        } catch (BufferUnderflowException e) {
            throw new java.io.IOException("journal record too short");
        }
    }
}
