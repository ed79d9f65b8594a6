CREATE TABLE "catalogue_drafts" (
	"id" text PRIMARY KEY NOT NULL,
	"procedure_code" text NOT NULL,
	"base_version_no" integer,
	"status" text DEFAULT 'DRAFT' NOT NULL,
	"content" jsonb NOT NULL,
	"forms" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"workflows" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by_user_id" text NOT NULL,
	"editor_user_ids" text[] NOT NULL,
	"published_version_no" integer,
	"published_by_user_id" text,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "catalogue_drafts_procedure_idx" ON "catalogue_drafts" USING btree ("procedure_code");