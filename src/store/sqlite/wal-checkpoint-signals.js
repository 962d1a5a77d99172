// The shared memory between wal-checkpointer.ts and its thread (wal-checkpoint-worker.js): an
// Int32Array of two slots. Plain JavaScript so that the thread, which is plain JavaScript for a
// faster start, reads the same numbers the store writes.

/** Slot: how many commits the store has told of (the thread sleeps on it). */
export const COMMITS = 0;
/** Slot: the thread's state, one of the states below. */
export const STATE = 1;

export const BOOTING = 0;
export const READY = 1;
export const STOPPING = 2;
export const STOPPED = 3;
