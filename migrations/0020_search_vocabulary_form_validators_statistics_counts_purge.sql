CREATE TABLE "search_vocabulary" (
	"word" text PRIMARY KEY NOT NULL,
	"procedures" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "form_validators" (
	"hash" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statistics_daily_counts" (
	"day" date NOT NULL,
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
	CONSTRAINT "statistics_daily_counts_day_unit_id_field_code_procedure_id_case_id_channel_pk" PRIMARY KEY("day","unit_id","field_code","procedure_id","case_id","channel")
);
--> statement-breakpoint
ALTER TABLE "procedure_search" ADD COLUMN "words" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "procedure_search" ADD COLUMN "name_words" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "procedure_search" ADD COLUMN "text_words" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "procedure_search" ADD COLUMN "keywords_norm" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "personal_data_purged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "statistics_dossier_facts" ADD COLUMN "payment_days" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "search_vocabulary_word_trgm" ON "search_vocabulary" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "procedure_search_words_gin" ON "procedure_search" USING gin ("words");--> statement-breakpoint
CREATE INDEX "statistics_facts_repeat_payments_idx" ON "statistics_dossier_facts" USING btree ("dossier_id") WHERE payment_days > 1;