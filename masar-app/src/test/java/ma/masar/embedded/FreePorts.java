package ma.masar.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Random;

/**
 * A port for a server a test starts in another process (Masar itself, Keycloak), chosen before the start. Below
 * Linux's ephemeral range (32768 and up), so that a port 0 taken meanwhile by another server cannot be the one chosen.
 */
public final class FreePorts {

    private static final Random random = new Random();

    private FreePorts() {
    }

    public static int below32768() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = 20_000 + random.nextInt(12_000);
            try (ServerSocket socket = new ServerSocket(candidate, 1, InetAddress.getByName("127.0.0.1"))) {
                socket.setReuseAddress(true);
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new UncheckedIOException(new IOException("no free port between 20000 and 32000"));
    }
}
