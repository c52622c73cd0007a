import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_pump_events_kind" AS ENUM('status', 'partner', 'owner');
  CREATE TYPE "public"."enum_registration_attempts_flow" AS ENUM('partner_claim', 'owner_registration');
  CREATE TYPE "public"."enum_registration_attempts_outcome" AS ENUM('claimed', 'already_yours', 'registered', 'wrong_credentials', 'claimed_by_other', 'owned_by_other', 'phone_not_proven', 'throttled');
  ALTER TYPE "public"."enum_pump_events_actor" ADD VALUE 'owner' BEFORE 'modem';
  ALTER TYPE "public"."enum_pump_events_source" ADD VALUE 'card';
  ALTER TYPE "public"."enum_pump_events_source" ADD VALUE 'partner_claim';
  ALTER TYPE "public"."enum_pump_events_source" ADD VALUE 'owner_app';
  CREATE TABLE "feedback" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"buyer_id" integer,
  	"email" varchar NOT NULL,
  	"message" varchar NOT NULL,
  	"handled" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "registration_attempts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"flow" "enum_registration_attempts_flow" NOT NULL,
  	"serial" varchar,
  	"pump_id" integer,
  	"outcome" "enum_registration_attempts_outcome" NOT NULL,
  	"user_id" integer,
  	"phone" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "phone_codes" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"phone" varchar NOT NULL,
  	"code_hash" varchar NOT NULL,
  	"expires_at" timestamp(3) with time zone NOT NULL,
  	"checks" numeric DEFAULT 0,
  	"used" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "pump_events" ALTER COLUMN "to" DROP NOT NULL;
  ALTER TABLE "pumps" ADD COLUMN "nickname" varchar;
  ALTER TABLE "pump_events" ADD COLUMN "kind" "enum_pump_events_kind" DEFAULT 'status' NOT NULL;
  ALTER TABLE "pump_events" ADD COLUMN "partner_id" integer;
  ALTER TABLE "pump_events" ADD COLUMN "owner_id" integer;
  ALTER TABLE "pump_events" ADD COLUMN "assigned_to" varchar;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "feedback_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "registration_attempts_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "phone_codes_id" integer;
  ALTER TABLE "feedback" ADD CONSTRAINT "feedback_buyer_id_buyers_id_fk" FOREIGN KEY ("buyer_id") REFERENCES "public"."buyers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "registration_attempts" ADD CONSTRAINT "registration_attempts_pump_id_pumps_id_fk" FOREIGN KEY ("pump_id") REFERENCES "public"."pumps"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "registration_attempts" ADD CONSTRAINT "registration_attempts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "feedback_buyer_idx" ON "feedback" USING btree ("buyer_id");
  CREATE INDEX "feedback_updated_at_idx" ON "feedback" USING btree ("updated_at");
  CREATE INDEX "feedback_created_at_idx" ON "feedback" USING btree ("created_at");
  CREATE INDEX "registration_attempts_serial_idx" ON "registration_attempts" USING btree ("serial");
  CREATE INDEX "registration_attempts_pump_idx" ON "registration_attempts" USING btree ("pump_id");
  CREATE INDEX "registration_attempts_outcome_idx" ON "registration_attempts" USING btree ("outcome");
  CREATE INDEX "registration_attempts_user_idx" ON "registration_attempts" USING btree ("user_id");
  CREATE INDEX "registration_attempts_phone_idx" ON "registration_attempts" USING btree ("phone");
  CREATE INDEX "registration_attempts_updated_at_idx" ON "registration_attempts" USING btree ("updated_at");
  CREATE INDEX "registration_attempts_created_at_idx" ON "registration_attempts" USING btree ("created_at");
  CREATE INDEX "phone_codes_phone_idx" ON "phone_codes" USING btree ("phone");
  CREATE INDEX "phone_codes_updated_at_idx" ON "phone_codes" USING btree ("updated_at");
  CREATE INDEX "phone_codes_created_at_idx" ON "phone_codes" USING btree ("created_at");
  ALTER TABLE "pump_events" ADD CONSTRAINT "pump_events_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "pump_events" ADD CONSTRAINT "pump_events_owner_id_buyers_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."buyers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_feedback_fk" FOREIGN KEY ("feedback_id") REFERENCES "public"."feedback"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_registration_attempts_fk" FOREIGN KEY ("registration_attempts_id") REFERENCES "public"."registration_attempts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_phone_codes_fk" FOREIGN KEY ("phone_codes_id") REFERENCES "public"."phone_codes"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "pump_events_partner_idx" ON "pump_events" USING btree ("partner_id");
  CREATE INDEX "pump_events_owner_idx" ON "pump_events" USING btree ("owner_id");
  CREATE INDEX "payload_locked_documents_rels_feedback_id_idx" ON "payload_locked_documents_rels" USING btree ("feedback_id");
  CREATE INDEX "payload_locked_documents_rels_registration_attempts_id_idx" ON "payload_locked_documents_rels" USING btree ("registration_attempts_id");
  CREATE INDEX "payload_locked_documents_rels_phone_codes_id_idx" ON "payload_locked_documents_rels" USING btree ("phone_codes_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "feedback" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "registration_attempts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "phone_codes" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "feedback" CASCADE;
  DROP TABLE "registration_attempts" CASCADE;
  DROP TABLE "phone_codes" CASCADE;
  ALTER TABLE "pump_events" DROP CONSTRAINT "pump_events_partner_id_partners_id_fk";
  
  ALTER TABLE "pump_events" DROP CONSTRAINT "pump_events_owner_id_buyers_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_feedback_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_registration_attempts_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_phone_codes_fk";
  
  ALTER TABLE "pump_events" ALTER COLUMN "actor" SET DATA TYPE text;
  DROP TYPE "public"."enum_pump_events_actor";
  CREATE TYPE "public"."enum_pump_events_actor" AS ENUM('user', 'modem', 'system');
  ALTER TABLE "pump_events" ALTER COLUMN "actor" SET DATA TYPE "public"."enum_pump_events_actor" USING "actor"::"public"."enum_pump_events_actor";
  ALTER TABLE "pump_events" ALTER COLUMN "source" SET DATA TYPE text;
  DROP TYPE "public"."enum_pump_events_source";
  CREATE TYPE "public"."enum_pump_events_source" AS ENUM('button', 'admin_override', 'modem', 'import');
  ALTER TABLE "pump_events" ALTER COLUMN "source" SET DATA TYPE "public"."enum_pump_events_source" USING "source"::"public"."enum_pump_events_source";
  DROP INDEX "pump_events_partner_idx";
  DROP INDEX "pump_events_owner_idx";
  DROP INDEX "payload_locked_documents_rels_feedback_id_idx";
  DROP INDEX "payload_locked_documents_rels_registration_attempts_id_idx";
  DROP INDEX "payload_locked_documents_rels_phone_codes_id_idx";
  ALTER TABLE "pump_events" ALTER COLUMN "to" SET NOT NULL;
  ALTER TABLE "pumps" DROP COLUMN "nickname";
  ALTER TABLE "pump_events" DROP COLUMN "kind";
  ALTER TABLE "pump_events" DROP COLUMN "partner_id";
  ALTER TABLE "pump_events" DROP COLUMN "owner_id";
  ALTER TABLE "pump_events" DROP COLUMN "assigned_to";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "feedback_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "registration_attempts_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "phone_codes_id";
  DROP TYPE "public"."enum_pump_events_kind";
  DROP TYPE "public"."enum_registration_attempts_flow";
  DROP TYPE "public"."enum_registration_attempts_outcome";`)
}
