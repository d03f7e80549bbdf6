import { EventEmitter } from 'node:events';
import type { CsvSink } from '../../src/db/csvWriter';

/**
 * A download's client that is always full: every write returns false, so the writer waits for
 * a 'drain' the test emits, as a slow connection makes it. It keeps the text of each chunk.
 */
export class FullSink extends EventEmitter implements CsvSink {
  destroyed = false;
  chunks: string[] = [];
  private readonly written = new EventEmitter();

  write(chunk: Buffer): boolean {
    this.chunks.push(chunk.toString('utf8'));
    this.written.emit('chunk');
    return false;
  }

  /** Resolves once `count` more chunks have been written. */
  writes(count = 1): Promise<void> {
    const target = this.chunks.length + count;
    return new Promise((resolve) => {
      const check = () => {
        if (this.chunks.length < target) return;
        this.written.off('chunk', check);
        resolve();
      };
      this.written.on('chunk', check);
    });
  }
}
