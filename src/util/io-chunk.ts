/**
 * The size of a piece of a file read or written as a stream: just under
 * 1 MiB.
 *
 * The CLI sets glibc's `mmap_threshold` to 1 MiB (its first line), so each
 * array of 1 MiB or more gets a mapping of its own, returned to the system
 * when freed; with huge pages on, each new mapping is faulted in and zeroed
 * afresh. A stream allocates a new buffer for every piece: at 1 MiB each
 * piece of a 430 MB listing paid that, and `merge` took 5.6 s where 3.0 s
 * sufficed. Pieces under the threshold come from malloc's heap, where a
 * freed one is reused at once.
 */
export const ioChunkBytes = (1 << 20) - (1 << 16);
