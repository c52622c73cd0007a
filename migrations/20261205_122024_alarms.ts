import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_alarms_severity" AS ENUM('critical', 'major', 'minor', 'warning');
  CREATE TYPE "public"."enum_models_alarm_catalog_severity" AS ENUM('critical', 'major', 'minor', 'warning');
  CREATE TABLE "alarms" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"pump_id" integer NOT NULL,
  	"code" varchar NOT NULL,
  	"severity" "enum_alarms_severity" NOT NULL,
  	"text" varchar,
  	"raised_at" timestamp(3) with time zone NOT NULL,
  	"cleared_at" timestamp(3) with time zone,
  	"flaps" numeric DEFAULT 0,
  	"acknowledged_at" timestamp(3) with time zone,
  	"acknowledged_by_id" integer,
  	"comment" varchar,
  	"assigned_to_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "models_alarm_catalog" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"code" varchar NOT NULL,
  	"severity" "enum_models_alarm_catalog_severity" NOT NULL,
  	"manual_page" numeric,
  	"text_ru" varchar NOT NULL,
  	"text_en" varchar NOT NULL,
  	"action_ru" varchar,
  	"action_en" varchar
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "alarms_id" integer;
  ALTER TABLE "alarms" ADD CONSTRAINT "alarms_pump_id_pumps_id_fk" FOREIGN KEY ("pump_id") REFERENCES "public"."pumps"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "alarms" ADD CONSTRAINT "alarms_acknowledged_by_id_users_id_fk" FOREIGN KEY ("acknowledged_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "alarms" ADD CONSTRAINT "alarms_assigned_to_id_users_id_fk" FOREIGN KEY ("assigned_to_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "models_alarm_catalog" ADD CONSTRAINT "models_alarm_catalog_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "alarms_pump_idx" ON "alarms" USING btree ("pump_id");
  CREATE INDEX "alarms_code_idx" ON "alarms" USING btree ("code");
  CREATE INDEX "alarms_severity_idx" ON "alarms" USING btree ("severity");
  CREATE INDEX "alarms_raised_at_idx" ON "alarms" USING btree ("raised_at");
  CREATE INDEX "alarms_cleared_at_idx" ON "alarms" USING btree ("cleared_at");
  CREATE INDEX "alarms_acknowledged_by_idx" ON "alarms" USING btree ("acknowledged_by_id");
  CREATE INDEX "alarms_assigned_to_idx" ON "alarms" USING btree ("assigned_to_id");
  CREATE INDEX "alarms_updated_at_idx" ON "alarms" USING btree ("updated_at");
  CREATE INDEX "alarms_created_at_idx" ON "alarms" USING btree ("created_at");
  CREATE INDEX "models_alarm_catalog_order_idx" ON "models_alarm_catalog" USING btree ("_order");
  CREATE INDEX "models_alarm_catalog_parent_id_idx" ON "models_alarm_catalog" USING btree ("_parent_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_alarms_fk" FOREIGN KEY ("alarms_id") REFERENCES "public"."alarms"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_alarms_id_idx" ON "payload_locked_documents_rels" USING btree ("alarms_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "alarms" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "models_alarm_catalog" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "alarms" CASCADE;
  DROP TABLE "models_alarm_catalog" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_alarms_fk";
  
  DROP INDEX "payload_locked_documents_rels_alarms_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "alarms_id";
  DROP TYPE "public"."enum_alarms_severity";
  DROP TYPE "public"."enum_models_alarm_catalog_severity";`)
}
