CREATE TABLE "document_templates" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"procedure_code" text DEFAULT '' NOT NULL,
	"version_no" integer NOT NULL,
	"status" text DEFAULT 'DRAFT' NOT NULL,
	"texts" jsonb NOT NULL,
	"created_by_user_id" text,
	"editor_user_ids" text[] DEFAULT '{}' NOT NULL,
	"published_by_user_id" text,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statistics_yearly_counts" (
	"year" date NOT NULL,
	"unit_id" text NOT NULL,
	"field_code" text NOT NULL,
	"procedure_id" text NOT NULL,
	"case_id" text NOT NULL,
	"channel" text NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"filed" integer DEFAULT 0 NOT NULL,
	"filed_online_procedure" integer DEFAULT 0 NOT NULL,
	"resolved_early" integer DEFAULT 0 NOT NULL,
	"resolved_on_time" integer DEFAULT 0 NOT NULL,
	"resolved_late" integer DEFAULT 0 NOT NULL,
	"resolved_late_days" integer DEFAULT 0 NOT NULL,
	"resolved_late_apologised" integer DEFAULT 0 NOT NULL,
	"resolved_late_supplemented" integer DEFAULT 0 NOT NULL,
	"refused" integer DEFAULT 0 NOT NULL,
	"withdrawn" integer DEFAULT 0 NOT NULL,
	"stopped" integer DEFAULT 0 NOT NULL,
	"apologies" integer DEFAULT 0 NOT NULL,
	"ratings" integer DEFAULT 0 NOT NULL,
	"ratings_satisfied" integer DEFAULT 0 NOT NULL,
	"rating_sum" integer DEFAULT 0 NOT NULL,
	"paid_days" integer DEFAULT 0 NOT NULL,
	"paid_online_days" integer DEFAULT 0 NOT NULL,
	"fees" bigint DEFAULT 0 NOT NULL,
	"open_delta" integer DEFAULT 0 NOT NULL,
	"overdue_delta" integer DEFAULT 0 NOT NULL,
	"overdue_apologised_delta" integer DEFAULT 0 NOT NULL,
	"supplement_delta" integer DEFAULT 0 NOT NULL,
	"payment_wait_delta" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "statistics_yearly_counts_year_unit_id_field_code_procedure_id_case_id_channel_pk" PRIMARY KEY("year","unit_id","field_code","procedure_id","case_id","channel")
);
--> statement-breakpoint
-- Month-end states lose their channel: emptied first (rows of one key in several channels would
-- collide with the new key) and made again from the monthly counts by the next count upkeep (the
-- horizon goes back to none; until then reports read the monthly deltas from the start).
DELETE FROM "statistics_month_states";--> statement-breakpoint
ALTER TABLE "statistics_month_states" DROP CONSTRAINT "statistics_month_states_month_unit_id_field_code_procedure_id_case_id_channel_pk";--> statement-breakpoint
ALTER TABLE "statistics_month_states" ADD CONSTRAINT "statistics_month_states_month_unit_id_field_code_procedure_id_case_id_pk" PRIMARY KEY("month","unit_id","field_code","procedure_id","case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "document_templates_version_uq" ON "document_templates" USING btree ("kind","procedure_code","version_no");--> statement-breakpoint
CREATE INDEX "document_templates_status_idx" ON "document_templates" USING btree ("kind","status");--> statement-breakpoint
ALTER TABLE "statistics_month_states" DROP COLUMN "channel";--> statement-breakpoint
UPDATE "statistics_count_horizon" SET "month" = NULL;--> statement-breakpoint
-- Yearly counts of the counts kept so far: each year is the sum of its months.
INSERT INTO "statistics_yearly_counts" ("year", "unit_id", "field_code", "procedure_id", "case_id", "channel", "received", "filed", "filed_online_procedure", "resolved_early", "resolved_on_time", "resolved_late", "resolved_late_days", "resolved_late_apologised", "resolved_late_supplemented", "refused", "withdrawn", "stopped", "apologies", "ratings", "ratings_satisfied", "rating_sum", "paid_days", "paid_online_days", "fees", "open_delta", "overdue_delta", "overdue_apologised_delta", "supplement_delta", "payment_wait_delta")
SELECT date_trunc('year', "month"::timestamp)::date, "unit_id", "field_code", "procedure_id", "case_id", "channel", sum("received"), sum("filed"), sum("filed_online_procedure"), sum("resolved_early"), sum("resolved_on_time"), sum("resolved_late"), sum("resolved_late_days"), sum("resolved_late_apologised"), sum("resolved_late_supplemented"), sum("refused"), sum("withdrawn"), sum("stopped"), sum("apologies"), sum("ratings"), sum("ratings_satisfied"), sum("rating_sum"), sum("paid_days"), sum("paid_online_days"), sum("fees"), sum("open_delta"), sum("overdue_delta"), sum("overdue_apologised_delta"), sum("supplement_delta"), sum("payment_wait_delta")
FROM "statistics_monthly_counts" GROUP BY 1, "unit_id", "field_code", "procedure_id", "case_id", "channel";
