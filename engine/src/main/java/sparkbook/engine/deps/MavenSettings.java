package sparkbook.engine.deps;

import org.apache.maven.settings.Mirror;
import org.apache.maven.settings.Profile;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsBuilderFactory;
import org.apache.maven.settings.building.DefaultSettingsBuildingRequest;
import org.apache.maven.settings.building.SettingsBuildingException;
import org.eclipse.aether.repository.Authentication;
import org.eclipse.aether.repository.AuthenticationSelector;
import org.eclipse.aether.repository.MirrorSelector;
import org.eclipse.aether.repository.Proxy;
import org.eclipse.aether.repository.ProxySelector;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.DefaultProxySelector;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What Maven itself would take from a {@code settings.xml}: the local repository, offline mode, mirrors, proxies,
 * server credentials and the repositories of active profiles. Encrypted passwords are not decrypted.
 */
record MavenSettings(Path localRepository, boolean offline, MirrorSelector mirrors, ProxySelector proxies,
                     AuthenticationSelector credentials, List<RemoteRepository> repositories) {
    static final RemoteRepository CENTRAL =
            new RemoteRepository.Builder("central", "default", "https://repo.maven.apache.org/maven2/").build();

    /** The user's settings: {@code ~/.m2/settings.xml} if there is one; {@code -Dmaven.repo.local} wins for the local repository. */
    static MavenSettings forUser() throws ResolutionException {
        Path m2 = Path.of(System.getProperty("user.home"), ".m2");
        return load(m2.resolve("settings.xml"), m2.resolve("repository"));
    }

    static MavenSettings load(Path settingsXml, Path defaultLocalRepository) throws ResolutionException {
        Settings s = read(settingsXml);
        String local = System.getProperty("maven.repo.local", s.getLocalRepository());
        Path localRepository = local == null || local.isBlank() ? defaultLocalRepository : Path.of(local);

        DefaultMirrorSelector mirrors = new DefaultMirrorSelector();
        for (Mirror m : s.getMirrors()) {
            mirrors.add(m.getId(), m.getUrl(), m.getLayout(), false, m.isBlocked(), m.getMirrorOf(), m.getMirrorOfLayouts());
        }
        DefaultProxySelector proxies = new DefaultProxySelector();
        for (org.apache.maven.settings.Proxy p : s.getProxies()) {
            if (!p.isActive()) continue;
            Authentication auth = p.getUsername() == null ? null
                    : new AuthenticationBuilder().addUsername(p.getUsername()).addPassword(p.getPassword()).build();
            proxies.add(new Proxy(p.getProtocol(), p.getHost(), p.getPort(), auth), p.getNonProxyHosts());
        }
        DefaultAuthenticationSelector credentials = new DefaultAuthenticationSelector();
        for (Server server : s.getServers()) {
            credentials.add(server.getId(), new AuthenticationBuilder().addUsername(server.getUsername())
                    .addPassword(server.getPassword()).addPrivateKey(server.getPrivateKey(), server.getPassphrase()).build());
        }
        List<RemoteRepository> repositories = new ArrayList<>(List.of(CENTRAL));
        for (Profile profile : s.getProfiles()) {
            boolean active = s.getActiveProfiles().contains(profile.getId())
                    || (profile.getActivation() != null && profile.getActivation().isActiveByDefault());
            if (!active) continue;
            for (org.apache.maven.settings.Repository r : profile.getRepositories()) {
                repositories.add(new RemoteRepository.Builder(r.getId(), r.getLayout(), r.getUrl()).build());
            }
        }
        return new MavenSettings(localRepository, s.isOffline(), mirrors, proxies, credentials, List.copyOf(repositories));
    }

    private static Settings read(Path settingsXml) throws ResolutionException {
        if (!Files.isRegularFile(settingsXml)) return new Settings();
        DefaultSettingsBuildingRequest request = new DefaultSettingsBuildingRequest();
        request.setUserSettingsFile(settingsXml.toFile());
        request.setSystemProperties(System.getProperties());
        try {
            return new DefaultSettingsBuilderFactory().newInstance().build(request).getEffectiveSettings();
        } catch (SettingsBuildingException e) {
            throw new ResolutionException(settingsXml + " could not be read: " + e.getMessage().strip()
                    + " Fix the file (Maven reads it too), or move it aside.", e);
        }
    }
}
