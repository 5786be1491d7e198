/**
 * The size of a piece of output written as a stream, and of a listing read
 * by `merge`: just under 1 MiB.
 *
 * The CLI sets glibc's `mmap_threshold` to 1 MiB (its first line), so each
 * array of 1 MiB or more gets a mapping of its own, returned to the system
 * when freed; with huge pages on, each new mapping is faulted in and zeroed
 * afresh. A writer that hands out a new buffer for every piece paid that per
 * piece at 1 MiB: `merge` of a 430 MB listing took 5.6 s where 2.6 s
 * sufficed. Pieces under the threshold come from malloc's heap, where a
 * freed one is reused at once. (The network readers keep 1 MiB pieces: from
 * the heap they stayed resident, ~8 MiB more at 1M firms, for no time
 * measurably saved.)
 */
export const ioChunkBytes = (1 << 20) - (1 << 16);
