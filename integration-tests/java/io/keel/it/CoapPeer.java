package io.keel.it;

import io.keel.binding.coap.CoapSettings;
import io.keel.binding.coap.OneM2MOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Option;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.server.MessageDeliverer;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.config.Configuration;

/**
 * The test's side of CoAP: a client endpoint that sends raw Californium requests and waits for their response, and
 * optionally a CoAP server that records the Notify requests it gets under a path of its own (answered 2.04, RSC 2000);
 * one for another path is meant for a server of an earlier test that had the same port ({@link OwnPath}), and is
 * answered 4.04 and not recorded. Both know the oneM2M options (else CoAP would refuse them as unknown critical
 * options) and take 64 kB bodies.
 */
final class CoapPeer implements AutoCloseable {
    private static final Configuration CONFIG = new CoapSettings("127.0.0.1", 0, null, 512, 64 * 1024).configuration();
    private final CoapEndpoint client;
    private CoapServer server;
    private final OwnPath own = OwnPath.random();
    final BlockingQueue<Request> notifications = new LinkedBlockingQueue<>();

    CoapPeer() {
        client = new CoapEndpoint.Builder().setConfiguration(CONFIG).setOptionRegistry(OneM2MOptions.REGISTRY)
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build();
        try {
            client.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the request to Keel's CoAP port and waits for the (reassembled) response. */
    Response send(Request request, int port) {
        // The destination only: the Uri-Path and Uri-Query options stay exactly as the test wrote them.
        request.setDestinationContext(new AddressEndpointContext(new InetSocketAddress("127.0.0.1", port)));
        return sendAsIs(request);
    }

    /** Sends a request whose destination is set. */
    Response sendAsIs(Request request) {
        client.sendRequest(request);
        try {
            Response response = request.waitForResponse(30_000);
            if (response == null) {
                throw new AssertionError("no CoAP response to " + request);
            }
            return response;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Starts a CoAP server that records every request for a URL under the one returned, and answers 2.04 (RSC 2000);
     * {@link #pathOf} tells a recorded request's path below that URL.
     */
    String startNotificationReceiver() {
        server = new CoapServer(CONFIG);
        server.addEndpoint(new CoapEndpoint.Builder().setConfiguration(CONFIG).setOptionRegistry(OneM2MOptions.REGISTRY)
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build());
        server.setMessageDeliverer(new MessageDeliverer() {
            @Override
            public void deliverRequest(Exchange exchange) {
                if (pathOf(exchange.getRequest()) == null) {
                    Response notFound = new Response(ResponseCode.NOT_FOUND);
                    notFound.getOptions().addOption(new Option(OneM2MOptions.RSC, 4004));
                    exchange.sendResponse(notFound);
                    return;
                }
                notifications.add(exchange.getRequest());
                Response ok = new Response(ResponseCode.CHANGED);
                ok.getOptions().addOption(new Option(OneM2MOptions.RSC, 2000));
                exchange.sendResponse(ok);
            }

            @Override
            public void deliverResponse(Exchange exchange, Response response) {
                exchange.getRequest().setResponse(response);
            }
        });
        server.start();
        return "coap://127.0.0.1:" + server.getEndpoints().get(0).getAddress().getPort() + own.prefix();
    }

    /** The Uri-Path of a request the receiver got, below the URL {@link #startNotificationReceiver} returned ("" for it). */
    String pathOf(Request request) {
        return own.within("/" + request.getOptions().getUriPathString());
    }

    Request nextNotification() throws InterruptedException {
        Request r = nextNotification(30_000);
        if (r == null) {
            throw new AssertionError("no notification arrived");
        }
        return r;
    }

    /** The next request the receiver got, or null when none came within the timeout. */
    Request nextNotification(long timeoutMillis) throws InterruptedException {
        return notifications.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Sends one datagram as it is, byte for byte (for messages no CoAP library writes), and reads the one that comes
     * back, parsed with the oneM2M options known.
     */
    static Message sendRaw(byte[] datagram, int port) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(30_000);
            socket.send(new DatagramPacket(datagram, datagram.length, new InetSocketAddress("127.0.0.1", port)));
            DatagramPacket answer = new DatagramPacket(new byte[4096], 4096);
            socket.receive(answer);
            return new UdpDataParser(false, OneM2MOptions.REGISTRY).parseMessage(Arrays.copyOf(answer.getData(), answer.getLength()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freeUdpPort() {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        client.destroy();
        if (server != null) {
            server.destroy();
        }
    }
}
