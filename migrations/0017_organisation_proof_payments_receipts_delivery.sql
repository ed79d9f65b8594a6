CREATE TABLE "payment_attempts" (
	"id" text PRIMARY KEY NOT NULL,
	"payment_id" text NOT NULL,
	"provider" text NOT NULL,
	"provider_reference" text NOT NULL,
	"amount" bigint NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"redirect_url" text NOT NULL,
	"provider_created_at" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone,
	"provider_transaction_id" text,
	"bank_code" text,
	"query_count" integer DEFAULT 0 NOT NULL,
	"last_queried_at" timestamp with time zone,
	"created_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_notifications" (
	"id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"channel" text NOT NULL,
	"provider_reference" text,
	"outcome" text NOT NULL,
	"reason" text,
	"body" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"dossier_id" text NOT NULL,
	"stage" text NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text DEFAULT 'VND' NOT NULL,
	"items" jsonb NOT NULL,
	"reference" text NOT NULL,
	"holds_dossier" boolean DEFAULT false NOT NULL,
	"source_event_id" text,
	"requested_by_user_id" text,
	"note" text,
	"paid_at" timestamp with time zone,
	"paid_attempt_id" text,
	"provider" text,
	"provider_transaction_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_requests_reference_unique" UNIQUE("reference"),
	CONSTRAINT "payment_requests_source_event_id_unique" UNIQUE("source_event_id")
);
--> statement-breakpoint
CREATE TABLE "receipt_counters" (
	"unit_id" text NOT NULL,
	"form_code" text NOT NULL,
	"symbol" text NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "receipt_counters_unit_id_form_code_symbol_pk" PRIMARY KEY("unit_id","form_code","symbol")
);
--> statement-breakpoint
CREATE TABLE "receipts" (
	"id" text PRIMARY KEY NOT NULL,
	"dossier_id" text NOT NULL,
	"payment_id" text NOT NULL,
	"event_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"unit_name" text NOT NULL,
	"year" integer NOT NULL,
	"form_code" text NOT NULL,
	"symbol" text NOT NULL,
	"number" integer NOT NULL,
	"payer" jsonb NOT NULL,
	"items" jsonb NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text DEFAULT 'VND' NOT NULL,
	"provider" text NOT NULL,
	"provider_transaction_id" text NOT NULL,
	"reference" text NOT NULL,
	"paid_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"storage_key" text,
	"sha256" text,
	"signer" jsonb,
	"issued_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisations" DROP CONSTRAINT "organisations_tax_code_unique";--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "verification_status" text DEFAULT 'UNVERIFIED' NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "verification_method" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "verified_by_user_id" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "refusal_reason" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "proof_storage_key" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "proof_file_name" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "proof_media_type" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "proof_size_bytes" integer;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "proof_submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "delivery_method" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "delivery_address" jsonb;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "delivery_fee" integer;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "postal_carrier" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "postal_tracking_number" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "postal_shipped_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "postal_delivered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD CONSTRAINT "payment_attempts_payment_id_payment_requests_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payment_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_requests" ADD CONSTRAINT "payment_requests_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_attempts_ref_uq" ON "payment_attempts" USING btree ("provider","provider_reference");--> statement-breakpoint
CREATE INDEX "payment_attempts_payment_idx" ON "payment_attempts" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "payment_attempts_pending_idx" ON "payment_attempts" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "payment_notifications_ref_idx" ON "payment_notifications" USING btree ("provider_reference");--> statement-breakpoint
CREATE INDEX "payment_requests_dossier_idx" ON "payment_requests" USING btree ("dossier_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "receipts_payment_uq" ON "receipts" USING btree ("payment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "receipts_series_number_uq" ON "receipts" USING btree ("unit_id","form_code","symbol","number");--> statement-breakpoint
CREATE INDEX "receipts_dossier_idx" ON "receipts" USING btree ("dossier_id","created_at");--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_verified_by_user_id_users_id_fk" FOREIGN KEY ("verified_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_verified_tax_code_uq" ON "organisations" USING btree ("tax_code") WHERE "organisations"."verification_status" = 'VERIFIED';--> statement-breakpoint
CREATE INDEX "organisations_tax_code_idx" ON "organisations" USING btree ("tax_code");--> statement-breakpoint
CREATE INDEX "organisations_verification_idx" ON "organisations" USING btree ("verification_status");