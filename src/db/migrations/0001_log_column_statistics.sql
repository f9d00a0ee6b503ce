-- No statement filters or joins on these JSON documents: they are read whole, by key. ANALYZE
-- still sampled and compared them, which was over half of its time on outbox and activity
-- (about 100 of 180 ms each at 31,000 rows), and autovacuum runs it beside the requests.
ALTER TABLE "outbox" ALTER COLUMN "payload" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "activity" ALTER COLUMN "data" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "deliveries" ALTER COLUMN "payload" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "dead_letters" ALTER COLUMN "payload" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "conversations" ALTER COLUMN "messages" SET STATISTICS 0;
