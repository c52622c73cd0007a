// The factory's handouts (src/services/factory/handouts.ts): an import's label passwords and device keys, sealed
// under a key only the download link holds, each row deleted as it is downloaded. Outside Payload's schema.
import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    CREATE TABLE IF NOT EXISTS "factory_handouts" (
      "id" uuid PRIMARY KEY,
      "user_id" integer NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
      "kind" varchar NOT NULL CHECK ("kind" IN ('labels', 'flashing')),
      "batch" uuid NOT NULL,
      "sealed" bytea NOT NULL,
      "created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
    );
    CREATE INDEX IF NOT EXISTS "factory_handouts_created_at_idx" ON "factory_handouts" ("created_at");`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`DROP TABLE IF EXISTS "factory_handouts";`)
}
