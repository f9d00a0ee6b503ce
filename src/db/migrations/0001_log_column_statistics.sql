-- Planner statistics only for the columns statements filter, join or sort on. These are read whole,
-- never compared: the JSON documents (read by key) and a task's free text (search goes through the
-- `search` vector). ANALYZE still sampled and compared them: over half its time on outbox and
-- activity (about 100 of 180 ms each at 31,000 rows), a fifth on tasks (50 of 250 ms at 20,000),
-- and autovacuum runs it beside the requests.
ALTER TABLE "outbox" ALTER COLUMN "payload" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "activity" ALTER COLUMN "data" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "deliveries" ALTER COLUMN "payload" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "dead_letters" ALTER COLUMN "payload" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "conversations" ALTER COLUMN "messages" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "tasks" ALTER COLUMN "title" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "tasks" ALTER COLUMN "description" SET STATISTICS 0;
