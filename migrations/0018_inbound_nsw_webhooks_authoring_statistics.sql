CREATE TABLE "dvcqg_catalogue" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"packet" jsonb NOT NULL,
	"comparison" text NOT NULL,
	"differences" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"draft_id" text,
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
CREATE TABLE "payment_refunds" (
	"id" text PRIMARY KEY NOT NULL,
	"payment_id" text NOT NULL,
	"attempt_id" text NOT NULL,
	"provider" text NOT NULL,
	"amount" bigint NOT NULL,
	"full" boolean NOT NULL,
	"status" text NOT NULL,
	"reason" text NOT NULL,
	"provider_code" text,
	"provider_transaction_id" text,
	"requested_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_attempts" (
	"id" text PRIMARY KEY NOT NULL,
	"message_id" text NOT NULL,
	"subscription_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"http_status" integer,
	"latency_ms" integer NOT NULL,
	"ok" boolean NOT NULL,
	"response_excerpt" text,
	"error" text,
	"trigger" text DEFAULT 'WORKER' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"subscription_id" text NOT NULL,
	"event_id" text,
	"position" bigint NOT NULL,
	"rank" smallint DEFAULT 0 NOT NULL,
	"type" text NOT NULL,
	"dossier_code" text,
	"body" text NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"first_attempt_at" timestamp with time zone,
	"next_attempt_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"last_error" text,
	"queued_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"description" text,
	"event_types" text[] NOT NULL,
	"status" text DEFAULT 'ACTIVE' NOT NULL,
	"secret" text NOT NULL,
	"previous_secret" text,
	"previous_secret_until" timestamp with time zone,
	"owner_user_id" text,
	"owner_email" text,
	"failing_since" timestamp with time zone,
	"disabled_at" timestamp with time zone,
	"disabled_reason" text,
	"lease_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
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
	"source" jsonb,
	"published_version_no" integer,
	"published_by_user_id" text,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statistics_dossier_facts" (
	"dossier_id" text PRIMARY KEY NOT NULL,
	"code" text,
	"channel" text NOT NULL,
	"unit_id" text NOT NULL,
	"receiving_unit_id" text NOT NULL,
	"field_code" text NOT NULL,
	"procedure_id" text NOT NULL,
	"case_id" text NOT NULL,
	"procedure_online" boolean NOT NULL,
	"filed_on" date,
	"received_on" date,
	"due_at" timestamp with time zone,
	"overdue_from" date,
	"outcome" text,
	"ended_on" date,
	"resolved_at" timestamp with time zone,
	"timeliness" text,
	"returned_on" date,
	"supplement_rounds" integer DEFAULT 0 NOT NULL,
	"payment_requested" boolean DEFAULT false NOT NULL,
	"paid_online" boolean DEFAULT false NOT NULL,
	"fees_paid" bigint DEFAULT 0 NOT NULL,
	"rating" smallint,
	"rated_on" date,
	"apology_on" date,
	"demo" boolean DEFAULT false NOT NULL,
	"last_position" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statistics_dossier_marks" (
	"dossier_id" text NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date,
	"amount" bigint,
	"online" boolean,
	CONSTRAINT "statistics_dossier_marks_dossier_id_seq_pk" PRIMARY KEY("dossier_id","seq")
);
--> statement-breakpoint
ALTER TABLE "applicant_profiles" ADD COLUMN "address_units" jsonb;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "origin" text DEFAULT 'OPENDVC' NOT NULL;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "external_ref" text;--> statement-breakpoint
ALTER TABLE "dvcqg_emc_events" ADD CONSTRAINT "dvcqg_emc_events_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dvcqg_inbound_dossiers" ADD CONSTRAINT "dvcqg_inbound_dossiers_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nsw_messages" ADD CONSTRAINT "nsw_messages_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD CONSTRAINT "payment_refunds_payment_id_payment_requests_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payment_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD CONSTRAINT "payment_refunds_attempt_id_payment_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."payment_attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_message_id_webhook_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."webhook_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_subscription_id_webhook_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."webhook_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_messages" ADD CONSTRAINT "webhook_messages_subscription_id_webhook_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."webhook_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dvcqg_emc_events_pending_idx" ON "dvcqg_emc_events" USING btree ("dossier_id","position") WHERE "dvcqg_emc_events"."sent" = false;--> statement-breakpoint
CREATE UNIQUE INDEX "nsw_messages_event_uq" ON "nsw_messages" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "nsw_messages_due_idx" ON "nsw_messages" USING btree ("next_attempt_at") WHERE "nsw_messages"."state" IN ('PENDING', 'FAILING');--> statement-breakpoint
CREATE INDEX "nsw_messages_document_idx" ON "nsw_messages" USING btree ("document_no","created_at");--> statement-breakpoint
CREATE INDEX "payment_refunds_payment_idx" ON "payment_refunds" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "payment_refunds_attempt_idx" ON "payment_refunds" USING btree ("attempt_id");--> statement-breakpoint
CREATE INDEX "webhook_attempts_message_idx" ON "webhook_attempts" USING btree ("message_id","at");--> statement-breakpoint
CREATE INDEX "webhook_attempts_subscription_idx" ON "webhook_attempts" USING btree ("subscription_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_messages_event_uq" ON "webhook_messages" USING btree ("subscription_id","event_id","type");--> statement-breakpoint
CREATE INDEX "webhook_messages_queue_idx" ON "webhook_messages" USING btree ("subscription_id","position","rank") WHERE "webhook_messages"."status" IN ('PENDING', 'FAILING');--> statement-breakpoint
CREATE INDEX "webhook_messages_status_idx" ON "webhook_messages" USING btree ("subscription_id","status","created_at");--> statement-breakpoint
CREATE INDEX "catalogue_drafts_procedure_idx" ON "catalogue_drafts" USING btree ("procedure_code");--> statement-breakpoint
CREATE INDEX "statistics_facts_unit_idx" ON "statistics_dossier_facts" USING btree ("unit_id","received_on");--> statement-breakpoint
CREATE INDEX "statistics_facts_received_idx" ON "statistics_dossier_facts" USING btree ("received_on");--> statement-breakpoint
CREATE INDEX "statistics_facts_ended_idx" ON "statistics_dossier_facts" USING btree ("ended_on");--> statement-breakpoint
CREATE INDEX "statistics_facts_open_idx" ON "statistics_dossier_facts" USING btree ("filed_on") WHERE ended_on IS NULL;--> statement-breakpoint
CREATE INDEX "statistics_marks_kind_idx" ON "statistics_dossier_marks" USING btree ("kind","start_on");--> statement-breakpoint
CREATE UNIQUE INDEX "dossiers_external_ref_uq" ON "dossiers" USING btree ("origin","external_ref");