CREATE TABLE "workflow_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"workflow_code" text NOT NULL,
	"version_no" integer,
	"status" text DEFAULT 'DRAFT' NOT NULL,
	"definition" jsonb NOT NULL,
	"hash" text NOT NULL,
	"base_version_no" integer,
	"created_by_user_id" text,
	"editor_user_ids" text[] NOT NULL,
	"publish_requested_by_user_id" text,
	"publish_requested_at" timestamp with time zone,
	"published_by_user_id" text,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statistics_count_horizon" (
	"id" smallint PRIMARY KEY NOT NULL,
	"month" date
);
--> statement-breakpoint
CREATE TABLE "statistics_month_states" (
	"month" date NOT NULL,
	"unit_id" text NOT NULL,
	"field_code" text NOT NULL,
	"procedure_id" text NOT NULL,
	"case_id" text NOT NULL,
	"channel" text NOT NULL,
	"open" integer DEFAULT 0 NOT NULL,
	"overdue" integer DEFAULT 0 NOT NULL,
	"overdue_apologised" integer DEFAULT 0 NOT NULL,
	"supplement" integer DEFAULT 0 NOT NULL,
	"payment_wait" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "statistics_month_states_month_unit_id_field_code_procedure_id_case_id_channel_pk" PRIMARY KEY("month","unit_id","field_code","procedure_id","case_id","channel")
);
--> statement-breakpoint
CREATE TABLE "statistics_monthly_counts" (
	"month" date NOT NULL,
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
	CONSTRAINT "statistics_monthly_counts_month_unit_id_field_code_procedure_id_case_id_channel_pk" PRIMARY KEY("month","unit_id","field_code","procedure_id","case_id","channel")
);
--> statement-breakpoint
ALTER TABLE "case_components" ADD COLUMN "filled_by_form" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "workflow_version_no" integer;--> statement-breakpoint
CREATE INDEX "workflow_versions_code_idx" ON "workflow_versions" USING btree ("workflow_code");--> statement-breakpoint
CREATE UNIQUE INDEX "workflow_versions_code_version_idx" ON "workflow_versions" USING btree ("workflow_code","version_no");