/** Temporary files of atomic writes in progress, which an interrupted run must not leave behind. */
import { unlinkSync } from 'node:fs';

/** Told of each temporary file before it is created and after it is renamed or removed. */
export interface TempFileRegistry {
  add(path: string): void;
  remove(path: string): void;
}

/** The registry of the process: removes what is still registered when the run is interrupted. */
export class TempFiles implements TempFileRegistry {
  private readonly paths = new Set<string>();

  add(path: string): void {
    this.paths.add(path);
  }

  remove(path: string): void {
    this.paths.delete(path);
  }

  /** Removes every file still registered (those not created yet are simply absent). */
  removeAll(): void {
    for (const path of this.paths) {
      try { unlinkSync(path); } catch { /* never created, or already gone */ }
    }
    this.paths.clear();
  }
}
