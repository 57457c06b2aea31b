package dev.ilpconnector.web.btp;

import dev.ilpconnector.node.ConnectorNode;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Logger;

/**
 * Graceful shutdown (SIGTERM): when the server stops this web module, before its WebSockets
 * close, the node refuses new Prepares and lets those in flight finish, so their Fulfills are
 * committed and still reach the peers that sent them. The node drains again (a no-op by then)
 * before it closes the ledger.
 */
@WebListener
public class BtpShutdown implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(BtpShutdown.class.getName());

    @Inject
    ConnectorNode node;

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (!node.started()) {
            return;
        }
        boolean idle = node.assembly().drain();
        LOG.info("event=btp_drained idle=" + idle);
    }
}
