CREATE TABLE "dvcqg_sync_control" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"changed_by" text,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dvcqg_sync_dossiers" (
	"dossier_id" text PRIMARY KEY NOT NULL,
	"portal_code" text NOT NULL,
	"other_code" text,
	"state" text DEFAULT 'PENDING' NOT NULL,
	"created_on_portal" boolean DEFAULT false NOT NULL,
	"wanted_version" integer DEFAULT 1 NOT NULL,
	"pushed_version" integer DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"lease_until" timestamp with time zone,
	"last_error" text,
	"last_request" jsonb,
	"last_response" jsonb,
	"pending_since" timestamp with time zone,
	"synced_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dvcqg_sync_dossiers_portal_code_unique" UNIQUE("portal_code")
);
--> statement-breakpoint
CREATE TABLE "dvcqg_sync_steps" (
	"event_id" text PRIMARY KEY NOT NULL,
	"dossier_id" text NOT NULL,
	"position" bigint NOT NULL,
	"step" jsonb NOT NULL,
	"synced" boolean DEFAULT false NOT NULL,
	"synced_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dvcqg_sync_dossiers" ADD CONSTRAINT "dvcqg_sync_dossiers_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dvcqg_sync_steps" ADD CONSTRAINT "dvcqg_sync_steps_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dvcqg_sync_dossiers_due_idx" ON "dvcqg_sync_dossiers" USING btree ("next_attempt_at") WHERE "dvcqg_sync_dossiers"."state" IN ('PENDING', 'FAILING');--> statement-breakpoint
CREATE INDEX "dvcqg_sync_dossiers_state_idx" ON "dvcqg_sync_dossiers" USING btree ("state","updated_at");--> statement-breakpoint
CREATE INDEX "dvcqg_sync_steps_pending_idx" ON "dvcqg_sync_steps" USING btree ("dossier_id","position") WHERE "dvcqg_sync_steps"."synced" = false;