CREATE TABLE "phone_challenges" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"purpose" text NOT NULL,
	"phone" text NOT NULL,
	"code_hash" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"voided_at" timestamp with time zone,
	"ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sms_deliveries" (
	"message_id" text PRIMARY KEY NOT NULL,
	"recipient" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "applicant_profiles" DROP CONSTRAINT "applicant_profiles_personal_id_number_unique";--> statement-breakpoint
ALTER TABLE "phone_challenges" ADD CONSTRAINT "phone_challenges_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "phone_challenges_phone_idx" ON "phone_challenges" USING btree ("phone","purpose");--> statement-breakpoint
CREATE INDEX "phone_challenges_user_idx" ON "phone_challenges" USING btree ("user_id","purpose");--> statement-breakpoint
CREATE INDEX "phone_challenges_ip_idx" ON "phone_challenges" USING btree ("ip","created_at");--> statement-breakpoint
CREATE INDEX "sms_deliveries_recipient_idx" ON "sms_deliveries" USING btree ("recipient","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "applicant_profiles_verified_personal_id_idx" ON "applicant_profiles" USING btree ("personal_id_number") WHERE "applicant_profiles"."personal_id_verified_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "applicant_profiles_personal_id_idx" ON "applicant_profiles" USING btree ("personal_id_number");