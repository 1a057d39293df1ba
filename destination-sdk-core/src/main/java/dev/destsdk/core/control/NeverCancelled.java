package dev.destsdk.core.control;

/** The signal behind {@link CancellationSignal#never()}. */
enum NeverCancelled implements CancellationSignal {
    INSTANCE;

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public Registration onCancel(Runnable action) {
        return () -> { };
    }
}
