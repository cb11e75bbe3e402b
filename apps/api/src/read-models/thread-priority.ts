import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Lowers the CPU priority of the calling thread only (a nice value, 1–19). Linux schedules each
 * thread as a task of its own with its own nice value: `/proc/thread-self` names this thread's task,
 * and setpriority on that id leaves the process's other threads as they were. Elsewhere, or where
 * it is refused, nothing changes and `false` is returned.
 */
export function lowerThisThreadPriority(nice: number): boolean {
  try {
    const task = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(task)) return false;
    setPriority(task, nice);
    return true;
  } catch {
    return false;
  }
}
