CREATE TABLE "event_consumer_checkpoints" (
	"consumer" text NOT NULL,
	"partition" smallint NOT NULL,
	"position" bigint DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'ACTIVE' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"failed_position" bigint,
	"next_attempt_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_consumer_checkpoints_consumer_partition_pk" PRIMARY KEY("consumer","partition")
);
--> statement-breakpoint
ALTER TABLE "dossier_events" ADD COLUMN "position" bigserial NOT NULL;--> statement-breakpoint
ALTER TABLE "dossier_events" ADD COLUMN "partition" smallint;--> statement-breakpoint
ALTER TABLE "dossier_events" ADD COLUMN "type" text;--> statement-breakpoint
ALTER TABLE "dossier_events" ADD COLUMN "audience" text DEFAULT 'APPLICANT' NOT NULL;--> statement-breakpoint
ALTER TABLE "dossier_events" ADD COLUMN "unit_id" text;--> statement-breakpoint
ALTER TABLE "dossier_events" ADD COLUMN "national_status_before" smallint;--> statement-breakpoint
ALTER TABLE "dossier_events" ADD COLUMN "national_status_after" smallint;--> statement-breakpoint
ALTER TABLE "dossier_events" ADD COLUMN "internal_note" text;--> statement-breakpoint
ALTER TABLE "dossier_events" ADD COLUMN "payload_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Hand-written backfill of the events written before the stream (kept as written).
-- Positions in the order the events happened; the sequence continues after the last one.
UPDATE "dossier_events" e SET "position" = o.n FROM (SELECT "id", row_number() OVER (ORDER BY "at", "id") AS n FROM "dossier_events") o WHERE o."id" = e."id";--> statement-breakpoint
SELECT setval(pg_get_serial_sequence('dossier_events', 'position'), GREATEST((SELECT max("position") FROM "dossier_events"), 1), (SELECT count(*) > 0 FROM "dossier_events"));--> statement-breakpoint
-- The partition as partitionOf() computes it (dossiers.events.ts).
UPDATE "dossier_events" SET "partition" = ((hashtext("dossier_id") & 2147483647) % 16)::smallint;--> statement-breakpoint
-- The contract type from the recorded action (classifyEvent in dossiers.events.ts).
UPDATE "dossier_events" SET "type" = CASE
  WHEN "action" = 'dossier.resubmitted' THEN 'dossier.supplement_answered'
  WHEN "action" IN ('dossier.result_downloaded', 'dossier.finish') THEN 'dossier.returned'
  WHEN "action" = 'dossier.request_supplement' THEN 'dossier.supplement_requested'
  WHEN "action" = 'dossier.stop' THEN 'dossier.stopped'
  WHEN "action" IN ('dossier.forward', 'dossier.send_back', 'dossier.coordinate') AND "payload" ? 'issuedSha256' THEN 'dossier.result_issued'
  WHEN "action" IN ('dossier.forward', 'dossier.send_back', 'dossier.coordinate') AND "payload" ? 'signedSha256' THEN 'dossier.result_signed'
  WHEN "action" IN ('dossier.forward', 'dossier.send_back', 'dossier.coordinate') THEN 'dossier.step_completed'
  ELSE "action" END;--> statement-breakpoint
-- National status codes (toNationalStatus in dossiers.models.ts).
UPDATE "dossier_events" e SET
  "national_status_before" = (SELECT c.code FROM (VALUES ('SUBMITTED', 1), ('RESUBMITTED', 1), ('RECEIVED', 2), ('REFUSED', 3), ('IN_PROGRESS', 4), ('SUPPLEMENT_REQUESTED', 5), ('AWAITING_PAYMENT', 6), ('WITHDRAWN', 7), ('STOPPED', 8), ('RESULT_READY', 9), ('RESULT_RETURNED', 10)) AS c(status, code) WHERE c.status = e."from_status"),
  "national_status_after" = (SELECT c.code FROM (VALUES ('SUBMITTED', 1), ('RESUBMITTED', 1), ('RECEIVED', 2), ('REFUSED', 3), ('IN_PROGRESS', 4), ('SUPPLEMENT_REQUESTED', 5), ('AWAITING_PAYMENT', 6), ('WITHDRAWN', 7), ('STOPPED', 8), ('RESULT_READY', 9), ('RESULT_RETURNED', 10)) AS c(status, code) WHERE c.status = e."to_status");--> statement-breakpoint
-- Officials' workflow comments were stored as the reason and shown to the applicant: they are
-- internal notes (stop reasons and supplement requests stay addressed to the applicant).
UPDATE "dossier_events" SET "internal_note" = "reason", "reason" = NULL
  WHERE "reason" IS NOT NULL AND "action" IN ('dossier.forward', 'dossier.send_back', 'dossier.coordinate', 'dossier.finish', 'dossier.assigned');--> statement-breakpoint
UPDATE "dossier_events" SET "audience" = 'OFFICIALS'
  WHERE "type" IN ('dossier.claimed', 'dossier.assigned', 'dossier.result_drafted')
     OR ("type" IN ('dossier.step_completed', 'dossier.result_signed', 'dossier.result_issued') AND "national_status_before" IS NOT DISTINCT FROM "national_status_after");--> statement-breakpoint
UPDATE "dossier_events" e SET "unit_id" = COALESCE(e."actor_unit_id", d."receiving_unit_id") FROM "dossiers" d WHERE d."id" = e."dossier_id";--> statement-breakpoint
ALTER TABLE "dossier_events" ALTER COLUMN "partition" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "dossier_events" ALTER COLUMN "type" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "dossier_events_position_idx" ON "dossier_events" USING btree ("position");--> statement-breakpoint
CREATE INDEX "dossier_events_partition_idx" ON "dossier_events" USING btree ("partition","position");