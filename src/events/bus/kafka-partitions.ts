// Work queues per partition for one consumer session. Records of a partition are handled one at
// a time, in offset order (a user's events stay in order), while partitions proceed side by side.
// Kafka hands out records of all assigned partitions on one stream, so this is where ordering
// meets throughput. With `handleBatch`, a worker that finds several records waiting takes them
// together (still in order, still one partition), so a consumer can apply them in one transaction.

export interface Positioned {
  topic: string;
  partition: number;
  offset: bigint;
}

export interface PartitionQueuesOptions<R extends Positioned> {
  handle: (record: R) => Promise<void>;
  /** Takes 2..maxBatch waiting records of one partition at once, in offset order. */
  handleBatch?: (records: R[]) => Promise<void>;
  /** Most records one handleBatch call takes (default 200). */
  maxBatch?: number;
  /** Fetched but unhandled records above which fetching pauses (resumes at half). */
  maxBuffered: number;
  pause: () => void;
  resume: () => void;
  /** `handle` is expected never to throw; if it does, the session must end. */
  onError: (error: unknown) => void;
}

interface Queue<R> {
  records: R[];
  /** Highest offset taken in this session: a refetch after a rebalance must not repeat it. */
  highest: bigint;
  running: boolean;
}

export class PartitionQueues<R extends Positioned> {
  private readonly options: PartitionQueuesOptions<R>;
  private readonly queues = new Map<string, Queue<R>>();
  private readonly workers = new Set<Promise<void>>();
  private buffered = 0;
  private paused = false;
  private stopped = false;

  constructor(options: PartitionQueuesOptions<R>) {
    this.options = options;
  }

  /** Queues a record unless this session already took it; starts the partition's worker. */
  push(record: R): void {
    if (this.stopped) return;
    const key = partitionKey(record);
    let queue = this.queues.get(key);
    if (!queue) {
      queue = { records: [], highest: -1n, running: false };
      this.queues.set(key, queue);
    }
    if (record.offset <= queue.highest) return;
    queue.highest = record.offset;
    queue.records.push(record);
    this.buffered++;
    if (this.buffered >= this.options.maxBuffered && !this.paused) {
      this.paused = true;
      this.options.pause();
    }
    if (!queue.running) {
      const worker = this.drain(queue);
      this.workers.add(worker);
      void worker.finally(() => this.workers.delete(worker));
    }
  }

  /**
   * After a rebalance: drops what is queued for partitions this member no longer owns (their new
   * owner starts from the committed offset) and forgets their position, in case they come back.
   */
  retain(owned: { topic: string; partitions: number[] }[]): void {
    const keep = new Set(
      owned.flatMap((a) => a.partitions.map((partition) => partitionKey({ topic: a.topic, partition }))),
    );
    for (const [key, queue] of this.queues) {
      if (keep.has(key)) continue;
      this.buffered -= queue.records.length;
      queue.records.length = 0;
      queue.highest = -1n;
    }
    this.resumeIfDrained();
  }

  /** Takes no more records; what is queued stays unhandled (and uncommitted). */
  stop(): void {
    this.stopped = true;
  }

  /** Resolves when no record is being handled. */
  async idle(): Promise<void> {
    while (this.workers.size > 0) await Promise.allSettled([...this.workers]);
  }

  get size(): number {
    return this.buffered;
  }

  private async drain(queue: Queue<R>): Promise<void> {
    queue.running = true;
    try {
      const { handleBatch, maxBatch = 200 } = this.options;
      while (queue.records.length > 0 && !this.stopped) {
        if (handleBatch && queue.records.length > 1) {
          const records = queue.records.splice(0, maxBatch);
          this.buffered -= records.length;
          this.resumeIfDrained();
          await handleBatch(records);
          continue;
        }
        const record = queue.records.shift()!;
        this.buffered--;
        this.resumeIfDrained();
        await this.options.handle(record);
      }
    } catch (error) {
      this.stopped = true;
      this.options.onError(error);
    } finally {
      queue.running = false;
    }
  }

  private resumeIfDrained(): void {
    if (this.paused && this.buffered <= this.options.maxBuffered / 2) {
      this.paused = false;
      this.options.resume();
    }
  }
}

function partitionKey(p: { topic: string; partition: number }): string {
  return `${p.topic}\u0000${p.partition}`;
}
