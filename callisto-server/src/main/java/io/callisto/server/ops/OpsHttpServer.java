package io.callisto.server.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations endpoint, HTTP/1.1 on Netty's codec (the network library already in use; see
 * docs/ARCHITECTURE.md): {@code GET /metrics} (Prometheus text format), {@code GET /api/registrations} and
 * {@code GET /api/stats} (JSON), {@code GET /health} (200 when serving, 503 otherwise). Anything else is 404, a
 * method other than GET or HEAD is 405. One I/O thread of its own, so a slow scraper never delays SIP; requests
 * are capped at 8 KiB and idle connections closed after 30 s.
 */
public final class OpsHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpsHttpServer.class);
    private static final int MAX_REQUEST = 8 * 1024;

    private final ServerMetrics metrics;
    private final Supplier<Object> registrations;
    private final Supplier<Map<String, Object>> stats;
    private final BooleanSupplier healthy;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private EventLoopGroup group;
    private Channel channel;

    /**
     * An endpoint serving {@code metrics}, the JSON of {@code registrations} and {@code stats} (any value Jackson
     * can write), and {@code healthy} at /health.
     */
    public OpsHttpServer(ServerMetrics metrics, Supplier<Object> registrations, Supplier<Map<String, Object>> stats,
            BooleanSupplier healthy) {
        this.metrics = metrics;
        this.registrations = registrations;
        this.stats = stats;
        this.healthy = healthy;
    }

    /** Binds {@code address} (port 0 picks one); returns the bound address. */
    public InetSocketAddress start(InetSocketAddress address) throws IOException {
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("callisto-http", true),
                NioIoHandler.newFactory());
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ReadTimeoutHandler(30), new HttpServerCodec(4096, 8192, 8192),
                                new HttpObjectAggregator(MAX_REQUEST), new Handler());
                    }
                });
        try {
            channel = b.bind(address).sync().channel();
        } catch (Exception e) {
            group.shutdownGracefully();
            throw new IOException("cannot bind the HTTP endpoint on " + address + ": " + e.getMessage(), e);
        }
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().awaitUninterruptibly();
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            FullHttpResponse resp;
            try {
                resp = answer(req);
            } catch (RuntimeException | IOException e) {
                LOG.warn("HTTP {} failed", req.uri(), e);
                resp = text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error\n", "text/plain");
            }
            boolean keepAlive = HttpUtil.isKeepAlive(req) && req.decoderResult().isSuccess();
            if (req.method() == HttpMethod.HEAD) {
                resp = new DefaultFullHttpResponse(resp.protocolVersion(), resp.status(), Unpooled.EMPTY_BUFFER,
                        resp.headers(), resp.trailingHeaders());
            }
            if (keepAlive) {
                resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                ctx.writeAndFlush(resp);
            } else {
                ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("HTTP connection {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    private FullHttpResponse answer(FullHttpRequest req) throws IOException {
        if (!req.decoderResult().isSuccess()) {
            return text(HttpResponseStatus.BAD_REQUEST, "bad request\n", "text/plain");
        }
        if (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) {
            FullHttpResponse r = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET and HEAD\n", "text/plain");
            r.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            return r;
        }
        String path = req.uri();
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        return switch (path) {
            case "/metrics" -> text(HttpResponseStatus.OK, metrics.scrape(), "text/plain; version=0.0.4; charset=utf-8");
            case "/api/registrations" -> jsonOf(registrations.get());
            case "/api/stats" -> jsonOf(stats.get());
            case "/health" -> healthy.getAsBoolean()
                    ? text(HttpResponseStatus.OK, "{\"status\":\"UP\"}\n", "application/json")
                    : text(HttpResponseStatus.SERVICE_UNAVAILABLE, "{\"status\":\"DOWN\"}\n", "application/json");
            default -> text(HttpResponseStatus.NOT_FOUND,
                    "not found; try /metrics, /api/registrations, /api/stats, /health\n", "text/plain");
        };
    }

    private FullHttpResponse jsonOf(Object value) throws IOException {
        return text(HttpResponseStatus.OK, json.writeValueAsString(value) + "\n", "application/json");
    }

    private static FullHttpResponse text(HttpResponseStatus status, String body, String type) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return r;
    }
}
