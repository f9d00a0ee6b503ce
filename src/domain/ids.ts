// Every id is a UUIDv7: unique without coordination, and sortable by creation time (ADR 004).
import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

// uuid asks the OS-backed generator for 16 bytes per id (about 3 µs, several ids per write);
// drawing them from a 4 KiB pool refilled at once costs a tenth of that. The counter below keeps
// what uuid's own state keeps: ids of one millisecond still sort in the order they were made
// (RFC 9562 §6.2, method 1: a counter seeded at random each millisecond).
const pool = Buffer.alloc(4096);
let offset = pool.length;
let lastMs = Number.NEGATIVE_INFINITY;
let seq = 0;

function random16(): Uint8Array {
  if (offset + 16 > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + 16);
  offset += 16;
  return bytes;
}

export const newId = (): string => {
  const random = random16();
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    seq =
      (((random[6] as number) & 0x7f) << 24) |
      ((random[7] as number) << 16) |
      ((random[8] as number) << 8) |
      (random[9] as number);
  } else {
    // A counter overflow borrows the next millisecond, as uuid does.
    seq = (seq + 1) | 0;
    if (seq === 0) lastMs++;
  }
  return v7({ msecs: lastMs, seq, random });
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID.test(value);
