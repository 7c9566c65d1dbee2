package io.callisto.transport.dns.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.resolver.DefaultHostsFileEntriesResolver;
import io.netty.resolver.ResolvedAddressTypes;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsServerAddressStreamProvider;
import io.netty.resolver.dns.DnsServerAddressStreamProviders;
import io.netty.resolver.dns.SequentialDnsServerAddressStreamProvider;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * {@link DnsLookup} on Netty's asynchronous DNS client: one UDP socket on one event loop, queries sent to the
 * configured name servers or, when none are configured, those of the system (resolv.conf). Nothing here blocks;
 * answers complete on the resolver's event loop. {@code /etc/hosts} entries answer address questions first, as the
 * system resolver would (so {@code localhost} works without DNS).
 */
public final class NettyDnsLookup implements DnsLookup {

    private static final DefaultHostsFileEntriesResolver HOSTS = new DefaultHostsFileEntriesResolver();

    private final DnsNameResolver resolver;
    private final long negativeTtl;

    /**
     * @param servers name servers to ask, in order; empty for the system's
     * @param datagram the UDP channel class matching {@code loop}'s I/O kind
     * @param socket the TCP channel class, for answers too large for UDP (truncated: retried over TCP)
     */
    public NettyDnsLookup(EventLoop loop, Class<? extends Channel> datagram, Class<? extends Channel> socket,
                          List<InetSocketAddress> servers, long queryTimeoutMillis, long negativeTtlSeconds) {
        DnsServerAddressStreamProvider provider = servers.isEmpty()
                ? DnsServerAddressStreamProviders.platformDefault()
                : new SequentialDnsServerAddressStreamProvider(servers.toArray(new InetSocketAddress[0]));
        @SuppressWarnings("unchecked")
        Class<? extends DatagramChannel> type = (Class<? extends DatagramChannel>) datagram;
        @SuppressWarnings("unchecked")
        Class<? extends SocketChannel> tcp = (Class<? extends SocketChannel>) socket;
        this.resolver = new DnsNameResolverBuilder(loop)
                .datagramChannelType(type)
                .socketChannelType(tcp)
                .nameServerProvider(provider)
                .queryTimeoutMillis(queryTimeoutMillis)
                .recursionDesired(true)
                .build();
        this.negativeTtl = negativeTtlSeconds;
    }

    @Override
    public CompletableFuture<Answer<Naptr>> naptr(String name) {
        return query(name, DnsRecordType.NAPTR, Rdata::naptr);
    }

    @Override
    public CompletableFuture<Answer<Srv>> srv(String name) {
        return query(name, DnsRecordType.SRV, Rdata::srv);
    }

    @Override
    public CompletableFuture<Answer<InetAddress>> addresses(String name) {
        List<InetAddress> hosts = HOSTS.addresses(name, ResolvedAddressTypes.IPV4_PREFERRED);
        if (hosts != null && !hosts.isEmpty()) {
            return CompletableFuture.completedFuture(new Answer<>(hosts, 300));
        }
        CompletableFuture<Answer<InetAddress>> v4 = query(name, DnsRecordType.A, addressOf(4));
        CompletableFuture<Answer<InetAddress>> v6 = query(name, DnsRecordType.AAAA, addressOf(16));
        return v4.thenCombine(v6, (a, b) -> {
            List<InetAddress> all = new ArrayList<>(a.records());
            all.addAll(b.records());
            long ttl = all.isEmpty() ? negativeTtl
                    : a.isEmpty() ? b.ttlSeconds()
                    : b.isEmpty() ? a.ttlSeconds()
                    : Math.min(a.ttlSeconds(), b.ttlSeconds());
            return new Answer<>(all, ttl);
        });
    }

    private static Function<ByteBuf, InetAddress> addressOf(int length) {
        return b -> {
            if (b.readableBytes() != length) {
                throw new IllegalArgumentException("address of " + b.readableBytes() + " bytes");
            }
            byte[] a = new byte[length];
            b.getBytes(b.readerIndex(), a);
            try {
                return InetAddress.getByAddress(a);
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException(e);
            }
        };
    }

    private <T> CompletableFuture<Answer<T>> query(String name, DnsRecordType type, Function<ByteBuf, T> decode) {
        CompletableFuture<Answer<T>> f = new CompletableFuture<>();
        String fqdn = name.endsWith(".") ? name : name + ".";
        resolver.query(new DefaultDnsQuestion(fqdn, type)).addListener(done -> {
            if (!done.isSuccess()) {
                f.complete(Answer.empty(negativeTtl)); // timeout or network error: try the next step (RFC 3263 §4)
                return;
            }
            @SuppressWarnings("unchecked")
            AddressedEnvelope<DnsResponse, InetSocketAddress> env =
                    (AddressedEnvelope<DnsResponse, InetSocketAddress>) done.getNow();
            try {
                f.complete(decode(env.content(), type, decode));
            } catch (RuntimeException e) {
                f.complete(Answer.empty(negativeTtl));
            } finally {
                env.release();
            }
        });
        return f;
    }

    private <T> Answer<T> decode(DnsResponse response, DnsRecordType type, Function<ByteBuf, T> decode) {
        List<T> out = new ArrayList<>();
        long ttl = Long.MAX_VALUE;
        int n = response.count(DnsSection.ANSWER);
        for (int i = 0; i < n; i++) {
            DnsRecord r = response.recordAt(DnsSection.ANSWER, i);
            if (r.type() != type || !(r instanceof DnsRawRecord raw)) {
                continue; // CNAMEs the server followed for us, and anything else
            }
            try {
                out.add(decode.apply(raw.content()));
                ttl = Math.min(ttl, r.timeToLive());
            } catch (IllegalArgumentException | IndexOutOfBoundsException malformed) {
                // one bad record does not spoil the others
            }
        }
        return out.isEmpty() ? Answer.empty(negativeTtl) : new Answer<>(out, ttl);
    }

    /** Closes the resolver's socket. */
    public void close() {
        resolver.close();
    }
}
