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
ALTER TABLE "dossiers" ADD COLUMN "delivery_method" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "delivery_address" jsonb;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "delivery_fee" integer;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "postal_carrier" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "postal_tracking_number" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "postal_shipped_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "postal_delivered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "receipts_payment_uq" ON "receipts" USING btree ("payment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "receipts_series_number_uq" ON "receipts" USING btree ("unit_id","form_code","symbol","number");--> statement-breakpoint
CREATE INDEX "receipts_dossier_idx" ON "receipts" USING btree ("dossier_id","created_at");