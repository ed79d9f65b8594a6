CREATE TABLE "nsw_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"direction" text NOT NULL,
	"event_id" text,
	"dossier_id" text,
	"document_no" text NOT NULL,
	"document_type" text NOT NULL,
	"type" text NOT NULL,
	"function" text NOT NULL,
	"message_id" text NOT NULL,
	"state" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"lease_until" timestamp with time zone,
	"last_error" text,
	"answer" jsonb,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "origin" text DEFAULT 'OPENDVC' NOT NULL;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "external_ref" text;--> statement-breakpoint
ALTER TABLE "nsw_messages" ADD CONSTRAINT "nsw_messages_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "nsw_messages_event_uq" ON "nsw_messages" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "nsw_messages_due_idx" ON "nsw_messages" USING btree ("next_attempt_at") WHERE "nsw_messages"."state" IN ('PENDING', 'FAILING');--> statement-breakpoint
CREATE INDEX "nsw_messages_document_idx" ON "nsw_messages" USING btree ("document_no","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "dossiers_external_ref_uq" ON "dossiers" USING btree ("origin","external_ref");