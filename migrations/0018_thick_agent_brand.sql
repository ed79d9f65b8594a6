CREATE TABLE "dvcqg_catalogue" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"packet" jsonb NOT NULL,
	"comparison" text NOT NULL,
	"differences" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"pulled_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dvcqg_emc_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"dossier_id" text NOT NULL,
	"position" bigint NOT NULL,
	"body" jsonb NOT NULL,
	"sent" boolean DEFAULT false NOT NULL,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dvcqg_inbound_dossiers" (
	"portal_code" text PRIMARY KEY NOT NULL,
	"dossier_id" text NOT NULL,
	"client_id" text,
	"message" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dvcqg_inbound_dossiers_dossier_id_unique" UNIQUE("dossier_id")
);
--> statement-breakpoint
ALTER TABLE "dvcqg_emc_events" ADD CONSTRAINT "dvcqg_emc_events_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dvcqg_inbound_dossiers" ADD CONSTRAINT "dvcqg_inbound_dossiers_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dvcqg_emc_events_pending_idx" ON "dvcqg_emc_events" USING btree ("dossier_id","position") WHERE "dvcqg_emc_events"."sent" = false;