package io.keel.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipFile;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.Domain;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.FileExistsException;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jboss.shrinkwrap.impl.base.exporter.zip.ZipExporterImpl;

/**
 * The built {@code target/keel.war} as an Arquillian deployment. The embedded Jetty container exports every deployment
 * with ShrinkWrap's ZipExporter, which would deflate the 50 MB WAR again for every IT class (3–6 s of CPU each); the
 * archive made here exports by copying the built file, byte for byte, as long as nothing was added to it.
 */
public final class BuiltWar {
    private static final String SHARED = "keel.war";

    private BuiltWar() {
    }

    public static File file() {
        return new File(System.getProperty("keel.war", "target/keel.war"));
    }

    /**
     * The built WAR, deployed once and kept for every IT class of the JVM that asks for it ({@link SharedWarContainer}).
     */
    public static WebArchive shared() {
        return archive(SHARED);
    }

    /** The built WAR as a deployment of its own: deployed and undeployed when the test says. */
    public static WebArchive own() {
        return archive("keel-own.war");
    }

    static boolean isShared(Archive<?> archive) {
        return archive != null && SHARED.equals(archive.getName())
                && archive.as(ZipExporter.class) instanceof CopyingExporter exporter && exporter.unchanged();
    }

    private static WebArchive archive(String name) {
        Domain domain = ShrinkWrap.createDomain();
        domain.getConfiguration().getExtensionLoader().addOverride(ZipExporter.class, CopyingExporter.class);
        // Not ArchiveFactory.createFromZipFile: it creates the archive in the default domain, without the override.
        return domain.getArchiveFactory().create(WebArchive.class, name).as(ZipImporter.class).importFrom(file())
                .as(WebArchive.class);
    }

    /** Copies the built WAR when the archive still holds exactly its entries; exports as ShrinkWrap does otherwise. */
    public static final class CopyingExporter implements ZipExporter {
        private final Archive<?> archive;

        public CopyingExporter(Archive<?> archive) {
            this.archive = archive;
        }

        @Override
        public void exportTo(File target, boolean overwrite) {
            if (target.exists() && !overwrite) {
                throw new FileExistsException(target + " exists");
            }
            if (!unchanged()) {
                new ZipExporterImpl(archive).exportTo(target, overwrite);
                return;
            }
            try {
                Files.copy(file().toPath(), target.toPath(), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void exportTo(File target) {
            exportTo(target, false);
        }

        @Override
        public void exportTo(OutputStream target) {
            if (!unchanged()) {
                new ZipExporterImpl(archive).exportTo(target);
                return;
            }
            try {
                Files.copy(file().toPath(), target);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public InputStream exportAsInputStream() {
            if (!unchanged()) {
                return new ZipExporterImpl(archive).exportAsInputStream();
            }
            try {
                return Files.newInputStream(file().toPath());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public <T extends org.jboss.shrinkwrap.api.Assignable> T as(Class<T> type) {
            return archive.as(type);
        }

        /** Same entries as the file: the archive's content (files and directories) counted against the ZIP's. */
        private boolean unchanged() {
            Path war = file().toPath();
            try (ZipFile zip = new ZipFile(war.toFile())) {
                long files = zip.stream().filter(e -> !e.isDirectory()).count();
                long ours = archive.getContent(p -> true).values().stream().filter(n -> n.getAsset() != null).count();
                return files == ours;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
