package org.stilt.cli;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.stilt.core.InvalidInputException;

/**
 * What {@link SlurmBackend} submits: a job array of pull workers.
 *
 * @param arraySize      array tasks (pull workers), {@code #SBATCH --array=0-(arraySize-1)}
 * @param cpusPerTask    {@code --cpus-per-task}, >= 1
 * @param partition      {@code --partition}, or null for the cluster's default
 * @param timeLimit      {@code --time} as {@code [D-]HH:MM:SS}, or null for the partition's default
 * @param sbatchOptions  further {@code KEY=VALUE} pairs, each written as {@code #SBATCH --KEY=VALUE}
 *                       (a bare {@code KEY} as {@code #SBATCH --KEY})
 * @param executorSpec   the {@code --executor} passed to each worker ({@link ExecutorOption})
 * @param stiltCommand   the command that runs {@code stilt} on the compute nodes (shell words)
 * @param kernel         {@code --kernel} of each worker ({@code native} or {@code java}), or null for the
 *                       project configuration's {@code transport}
 *
 * <p>Thread-safety: immutable value.
 */
record SlurmJobSpec(int arraySize, int cpusPerTask, String partition, String timeLimit, List<String> sbatchOptions,
        String executorSpec, List<String> stiltCommand, String kernel) {

    /** SLURM's own default MaxArraySize is 1001; sites raise it. We only refuse the absurd. */
    static final int MAX_ARRAY_SIZE = 1_000_000;
    private static final Pattern TIME = Pattern.compile("(\\d+-)?\\d{1,3}:\\d{2}:\\d{2}");
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]*");
    /** Options the generated script sets itself. */
    static final Set<String> RESERVED = Set.of("array", "output", "error", "cpus-per-task", "partition", "time",
            "parsable", "wrap");

    SlurmJobSpec {
        if (arraySize < 1 || arraySize > MAX_ARRAY_SIZE) {
            throw new InvalidInputException("--array-size must be between 1 and " + MAX_ARRAY_SIZE + " (got "
                    + arraySize + ")");
        }
        if (cpusPerTask < 1) {
            throw new InvalidInputException("--cpus-per-task must be >= 1 (got " + cpusPerTask + ")");
        }
        if (partition != null && !partition.matches("[A-Za-z0-9_.,-]+")) {
            throw new InvalidInputException("--partition is \"" + partition
                    + "\"; expected a partition name (letters, digits, _ . , -)");
        }
        if (timeLimit != null && !TIME.matcher(timeLimit).matches()) {
            throw new InvalidInputException("--time is \"" + timeLimit + "\"; expected HH:MM:SS or D-HH:MM:SS,"
                    + " e.g. 04:00:00");
        }
        sbatchOptions = List.copyOf(sbatchOptions == null ? List.of() : sbatchOptions);
        for (String o : sbatchOptions) {
            String key = o.contains("=") ? o.substring(0, o.indexOf('=')) : o;
            if (!KEY.matcher(key).matches()) {
                throw new InvalidInputException("--sbatch-option is \"" + o + "\"; expected KEY=VALUE with KEY an"
                        + " sbatch long option without the dashes, e.g. account=myproj or mem-per-cpu=4G");
            }
            if (RESERVED.contains(key)) {
                throw new InvalidInputException("--sbatch-option " + o + " sets --" + key + ", which stilt writes"
                        + " itself; use the stilt option for it (--array-size, --cpus-per-task, --partition, --time)"
                        + " or leave it out");
            }
            if (o.contains("\n") || o.contains("\r")) {
                throw new InvalidInputException("--sbatch-option must be one line (got \"" + o + "\")");
            }
        }
        ExecutorOption.check(executorSpec);
        if (kernel != null) {
            kernel = TransportKernelChoice.parse(kernel).name().toLowerCase(java.util.Locale.ROOT);
        }
        stiltCommand = List.copyOf(stiltCommand);
        if (stiltCommand.isEmpty()) {
            throw new InvalidInputException("the stilt command for the array tasks is empty; expected e.g."
                    + " /opt/stilt/stilt");
        }
    }
}
