package io.callisto.transport.dns;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small authoritative DNS server on loopback UDP for tests, on Netty's DNS codec. Zone data is a text file of
 * lines {@code name type ttl data...} ({@code #} starts a comment; {@code ${KEY}} is replaced from a map), with
 * types A, AAAA, SRV (priority weight port target) and NAPTR (order preference flags service regexp replacement,
 * {@code ""} for an empty text). A name with no records at all is NXDOMAIN; a known name without the type asked
 * gets an empty answer. Counts the questions it gets, per "TYPE name".
 */
public final class TestDnsServer implements AutoCloseable {

    private record Rr(String name, DnsRecordType type, long ttl, byte[] rdata) {
    }

    private final List<Rr> zone;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;
    private final Map<String, AtomicInteger> questions = new ConcurrentHashMap<>();

    private TestDnsServer(List<Rr> zone) throws InterruptedException {
        this.zone = zone;
        this.channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new ChannelInitializer<NioDatagramChannel>() {
                    @Override
                    protected void initChannel(NioDatagramChannel ch) {
                        ch.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(),
                                new Answerer());
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    }

    /** Starts a server with the zone in test resource {@code resource}, placeholders filled from {@code values}. */
    public static TestDnsServer start(String resource, Map<String, String> values) throws IOException,
            InterruptedException {
        String text;
        try (InputStream in = TestDnsServer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no resource " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            text = text.replace("${" + e.getKey() + "}", e.getValue());
        }
        List<Rr> zone = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (l.contains("${")) {
                throw new IOException("a placeholder has no value in " + resource + ": " + l);
            }
            zone.add(parse(l.split("\\s+")));
        }
        return new TestDnsServer(zone);
    }

    /** Where to send queries. */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Questions received for {@code type name} (name without trailing dot), e.g. {@code "SRV _sip._tcp.a.test"}. */
    public int questions(String typeAndName) {
        AtomicInteger n = questions.get(typeAndName.toLowerCase(Locale.ROOT));
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private final class Answerer extends SimpleChannelInboundHandler<DatagramDnsQuery> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery query) {
            DnsQuestion q = query.recordAt(DnsSection.QUESTION);
            String name = strip(q.name());
            questions.computeIfAbsent((q.type().name() + " " + name).toLowerCase(Locale.ROOT),
                    k -> new AtomicInteger()).incrementAndGet();
            DatagramDnsResponse r = new DatagramDnsResponse(query.recipient(), query.sender(), query.id());
            r.setAuthoritativeAnswer(true).setRecursionAvailable(true);
            r.addRecord(DnsSection.QUESTION, q);
            boolean known = false;
            for (Rr rr : zone) {
                if (rr.name.equals(name)) {
                    known = true;
                    if (rr.type.equals(q.type())) {
                        r.addRecord(DnsSection.ANSWER, new DefaultDnsRawRecord(q.name(), rr.type, rr.ttl,
                                Unpooled.wrappedBuffer(rr.rdata)));
                    }
                }
            }
            if (!known) {
                r.setCode(DnsResponseCode.NXDOMAIN);
            }
            ctx.writeAndFlush(r);
        }
    }

    private static Rr parse(String[] f) throws IOException {
        String name = strip(f[0]);
        long ttl = Long.parseLong(f[2]);
        ByteBuf b = Unpooled.buffer();
        DnsRecordType type;
        switch (f[1].toUpperCase(Locale.ROOT)) {
            case "A", "AAAA" -> {
                type = f[1].equalsIgnoreCase("A") ? DnsRecordType.A : DnsRecordType.AAAA;
                b.writeBytes(InetAddress.getByName(f[3]).getAddress());
            }
            case "SRV" -> {
                type = DnsRecordType.SRV;
                b.writeShort(Integer.parseInt(f[3])).writeShort(Integer.parseInt(f[4]))
                        .writeShort(Integer.parseInt(f[5]));
                writeName(b, f[6]);
            }
            case "NAPTR" -> {
                type = DnsRecordType.NAPTR;
                b.writeShort(Integer.parseInt(f[3])).writeShort(Integer.parseInt(f[4]));
                for (int i = 5; i <= 7; i++) {
                    byte[] t = (f[i].equals("\"\"") ? "" : f[i]).getBytes(StandardCharsets.US_ASCII);
                    b.writeByte(t.length).writeBytes(t);
                }
                writeName(b, f[8]);
            }
            default -> throw new IOException("unknown record type " + f[1]);
        }
        byte[] rdata = new byte[b.readableBytes()];
        b.readBytes(rdata);
        return new Rr(name, type, ttl, rdata);
    }

    private static void writeName(ByteBuf b, String name) {
        for (String label : strip(name).split("\\.")) {
            if (!label.isEmpty()) {
                byte[] l = label.getBytes(StandardCharsets.US_ASCII);
                b.writeByte(l.length).writeBytes(l);
            }
        }
        b.writeByte(0);
    }

    private static String strip(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
