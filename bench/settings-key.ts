/** The admin settings key the benchmark's service runs with (the settings endpoint is closed without one). */
export const BENCH_SETTINGS_KEY = 'bench-settings-admin-key-0123456789';
