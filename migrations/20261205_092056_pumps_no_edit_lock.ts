import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_pumps_fk";
  
  DROP INDEX "payload_locked_documents_rels_pumps_id_idx";
  ALTER TABLE "users" ALTER COLUMN "role" DROP DEFAULT;
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "pumps_id";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "users" ALTER COLUMN "role" SET DEFAULT 'service';
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "pumps_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_pumps_fk" FOREIGN KEY ("pumps_id") REFERENCES "public"."pumps"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_pumps_id_idx" ON "payload_locked_documents_rels" USING btree ("pumps_id");`)
}
