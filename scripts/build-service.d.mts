/** The newest modification time (ms) of a file, or of any file below a folder; 0 when it does not exist. */
export declare function newestMtime(path: string): number;
