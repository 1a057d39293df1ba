package dev.destsdk.core.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@link Destination#stage}: either a stage location that {@code load} reads from, or a no-op for
 * destinations that load directly from the local data files.
 *
 * @param stageLocation where the files were staged (a URI, a path, a stage name); empty for a no-op
 * @param filesStaged how many data files were staged
 * @param bytesStaged how many bytes were staged
 * @param message a human note; not null
 */
public record StageResponse(Optional<String> stageLocation, int filesStaged, long bytesStaged, String message) {

    /** Validates the components. */
    public StageResponse {
        Objects.requireNonNull(stageLocation, "stageLocation is null");
        Objects.requireNonNull(message, "message is null");
        if (filesStaged < 0 || bytesStaged < 0) {
            throw new IllegalArgumentException("staged counts must not be negative");
        }
    }

    /**
     * Files were staged.
     *
     * @param location the stage location load reads from; not null
     * @param files how many files
     * @param bytes how many bytes
     * @return the response
     */
    public static StageResponse success(String location, int files, long bytes) {
        return new StageResponse(Optional.of(Objects.requireNonNull(location, "location is null")), files, bytes,
                "staged " + files + " file(s), " + bytes + " bytes");
    }

    /**
     * Files were staged; counts not tracked.
     *
     * @param location the stage location load reads from; not null
     * @return the response, with zero counts
     */
    public static StageResponse success(String location) {
        return new StageResponse(Optional.of(Objects.requireNonNull(location, "location is null")), 0, 0,
                "staged to " + location);
    }

    /**
     * Nothing was staged: the destination loads directly from the local data path.
     *
     * @param reason why; not null
     * @return the response
     */
    public static StageResponse noOp(String reason) {
        return new StageResponse(Optional.empty(), 0, 0, reason);
    }

    /** @return true when nothing was staged */
    public boolean isNoOp() {
        return stageLocation.isEmpty();
    }
}
