package org.stilt.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.stilt.core.project.AltitudeReference;
import org.stilt.core.project.ProjectConfig;
import org.stilt.core.project.ProjectConfigLoader;
import org.stilt.core.project.ReceptorTable;
import org.stilt.core.project.SetupParameter;
import org.stilt.core.registry.RegisterResult;
import org.stilt.core.registry.Registry;
import org.stilt.core.registry.SimulationEntry;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stilt register DIR [--receptors CSV] [--scene-id ID]}: registers one simulation per receptor
 * in the project's registry (idempotent upsert keyed by simulation id), with the configuration
 * fingerprint of {@code config.yaml}.
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = "Register the project's receptors as simulations in its registry (idempotent: registering the"
                + " same receptors again changes nothing; a changed config.yaml resets them to pending).")
final class RegisterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Project folder.")
    Path dir;

    @Option(names = "--receptors", paramLabel = "CSV",
            description = "Receptor table to register (default: DIR/receptors.csv).")
    Path receptors;

    @Option(names = "--scene-id", paramLabel = "ID",
            description = "Label the simulations with this scene id (an overpass, a tower-year); shown by"
                    + " 'stilt status --by-scene'.")
    String sceneId;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ProjectConfig config = ProjectConfigLoader.load(dir);
        try (Registry registry = ProjectRegistry.open(dir, config)) {
            out.println(register(dir, receptors, sceneId, config, registry));
        }
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * Registers the receptors of {@code receptorsCsv} (null: {@code dir/receptors.csv}) in {@code registry}
     * (shared by {@code register} and {@code slurm submit}).
     *
     * @return two lines for the user: the counts and the configuration fingerprint
     */
    static String register(Path dir, Path receptorsCsv, String sceneId, ProjectConfig config, Registry registry) {
        AltitudeReference ref = config.setup().integer(SetupParameter.KMSL) == 1 ? AltitudeReference.MSL
                : AltitudeReference.AGL;
        ReceptorTable table = ReceptorTable.read(receptorsCsv == null ? dir : receptorsCsv, ref);
        String fingerprint = config.fingerprint();
        List<SimulationEntry> entries = table.receptors().stream()
                .map(r -> SimulationEntry.of(r, sceneId, fingerprint)).toList();
        RegisterResult r = registry.register(entries);
        return "registered " + r.total() + " simulations from " + table.file() + " in " + registry.description()
                + ": " + r.inserted() + " new, " + r.updated() + " updated, " + r.unchanged() + " unchanged"
                + System.lineSeparator() + "configuration fingerprint " + fingerprint
                + (sceneId == null ? "" : "; scene " + sceneId);
    }
}
