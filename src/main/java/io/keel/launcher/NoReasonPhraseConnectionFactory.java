package io.keel.launcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpGenerator;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * HTTP/1.1 connections whose status lines carry no Reason-Phrase ({@code HTTP/1.1 201 }), as TS-0009 6.3.3 requires.
 * Jetty writes the standard phrase unless a response names another, so every response is given an empty one.
 */
final class NoReasonPhraseConnectionFactory extends HttpConnectionFactory {
    NoReasonPhraseConnectionFactory(HttpConfiguration config) {
        super(config);
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        HttpConnection connection = new HttpConnection(getHttpConfiguration(), connector, endPoint) {
            @Override
            protected HttpGenerator newHttpGenerator() {
                return new HttpGenerator() {
                    @Override
                    public Result generateResponse(MetaData.Response info, boolean head, ByteBuffer header, ByteBuffer chunk,
                                                   ByteBuffer content, boolean last) throws IOException {
                        MetaData.Response reasonless = info == null ? null : new MetaData.Response(info.getStatus(), "",
                                info.getHttpVersion(), info.getHttpFields(), info.getContentLength(), info.getTrailersSupplier());
                        return super.generateResponse(reasonless, head, header, chunk, content, last);
                    }
                };
            }
        };
        connection.setUseInputDirectByteBuffers(isUseInputDirectByteBuffers());
        connection.setUseOutputDirectByteBuffers(isUseOutputDirectByteBuffers());
        return configure(connection, connector, endPoint);
    }
}
