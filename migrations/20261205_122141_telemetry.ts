import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_models_telemetry_kind" AS ENUM('number', 'boolean', 'enum');
  CREATE TABLE "models_telemetry_values" (
  	"_order" integer NOT NULL,
  	"_parent_id" varchar NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"value" numeric,
  	"label_ru" varchar,
  	"label_en" varchar
  );
  
  CREATE TABLE "models_telemetry" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"kind" "enum_models_telemetry_kind" DEFAULT 'number' NOT NULL,
  	"unit" varchar,
  	"name_ru" varchar NOT NULL,
  	"name_en" varchar NOT NULL,
  	"min" numeric,
  	"max" numeric,
  	"decimals" numeric DEFAULT 1
  );
  
  ALTER TABLE "pumps" ADD COLUMN "telemetry_latest" jsonb;
  ALTER TABLE "models_telemetry_values" ADD CONSTRAINT "models_telemetry_values_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."models_telemetry"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "models_telemetry" ADD CONSTRAINT "models_telemetry_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "models_telemetry_values_order_idx" ON "models_telemetry_values" USING btree ("_order");
  CREATE INDEX "models_telemetry_values_parent_id_idx" ON "models_telemetry_values" USING btree ("_parent_id");
  CREATE INDEX "models_telemetry_order_idx" ON "models_telemetry" USING btree ("_order");
  CREATE INDEX "models_telemetry_parent_id_idx" ON "models_telemetry" USING btree ("_parent_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "models_telemetry_values" CASCADE;
  DROP TABLE "models_telemetry" CASCADE;
  ALTER TABLE "pumps" DROP COLUMN "telemetry_latest";
  DROP TYPE "public"."enum_models_telemetry_kind";`)
}
