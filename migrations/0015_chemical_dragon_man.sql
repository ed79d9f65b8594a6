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
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_verified_by_user_id_users_id_fk" FOREIGN KEY ("verified_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_verified_tax_code_uq" ON "organisations" USING btree ("tax_code") WHERE "organisations"."verification_status" = 'VERIFIED';--> statement-breakpoint
CREATE INDEX "organisations_tax_code_idx" ON "organisations" USING btree ("tax_code");--> statement-breakpoint
CREATE INDEX "organisations_verification_idx" ON "organisations" USING btree ("verification_status");