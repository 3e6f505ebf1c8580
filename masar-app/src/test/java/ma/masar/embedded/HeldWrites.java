package ma.masar.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.h2.store.fs.FileBaseDefault;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * An H2 file system ({@code jdbc:h2:held:/path}) whose writes can be held, as a slow disk holds them: while
 * {@link #hold()} is in force, the next write waits until {@link #release()}. It lets a test stop H2 in the middle of
 * writing a commit to its file.
 */
public final class HeldWrites extends FilePathWrapper {

    private static final String SCHEME = "held";
    private static volatile CountDownLatch released = new CountDownLatch(0);
    private static volatile CountDownLatch held = new CountDownLatch(1);

    static {
        FilePath.register(new HeldWrites());
    }

    /** The H2 URL prefix of this file system (registered once this class is loaded). */
    static String prefix() {
        return SCHEME + ":";
    }

    /** From now on a write waits until {@link #release()}. */
    static void hold() {
        held = new CountDownLatch(1);
        released = new CountDownLatch(1);
    }

    /** Whether a write began waiting within the time given. */
    static boolean awaitHeldWrite(long seconds) throws InterruptedException {
        return held.await(seconds, TimeUnit.SECONDS);
    }

    /** Lets the waiting write and every later one go. */
    static void release() {
        released.countDown();
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new HeldChannel(getBase().open(mode));
    }

    private static void awaitRelease() throws IOException {
        CountDownLatch release = released;
        if (release.getCount() == 0) {
            return;
        }
        held.countDown();
        try {
            if (!release.await(60, TimeUnit.SECONDS)) {
                throw new IOException("a held write was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while held", e);
        }
    }

    /** H2's own base keeps the position, so only positional reads and writes reach the file. */
    private static final class HeldChannel extends FileBaseDefault {

        private final FileChannel channel;

        HeldChannel(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            awaitRelease();
            return channel.write(src, position);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return channel.read(dst, position);
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        protected void implTruncate(long size) throws IOException {
            channel.truncate(size);
        }

        @Override
        public void force(boolean metaData) throws IOException {
            channel.force(metaData);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return channel.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            channel.close();
        }
    }
}
