import * as fs from 'node:fs';
import { ByteSource } from '../verify/json-scan';

/** A file read in pieces with positioned reads. */
export function fileSource(path: string): ByteSource & { close(): void } {
  const fd = fs.openSync(path, 'r');
  try {
    const { size } = fs.fstatSync(fd);
    return {
      size,
      read: (into, position) => fs.readSync(fd, into, 0, into.length, position),
      close: () => fs.closeSync(fd),
    };
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
}
