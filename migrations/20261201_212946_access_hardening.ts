// Issue 9 hardening: the client address on registration attempts and phone codes (the per-guesser and per-requester
// throttles count it), and the `invalid_input` outcome for refused oversized inputs.
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_registration_attempts_outcome" ADD VALUE 'invalid_input';
  ALTER TABLE "registration_attempts" ADD COLUMN "client_address" varchar;
  ALTER TABLE "phone_codes" ADD COLUMN "client_address" varchar;
  CREATE INDEX "registration_attempts_client_address_idx" ON "registration_attempts" USING btree ("client_address");
  CREATE INDEX "phone_codes_client_address_idx" ON "phone_codes" USING btree ("client_address");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "registration_attempts" ALTER COLUMN "outcome" SET DATA TYPE text;
  DROP TYPE "public"."enum_registration_attempts_outcome";
  CREATE TYPE "public"."enum_registration_attempts_outcome" AS ENUM('claimed', 'already_yours', 'registered', 'wrong_credentials', 'claimed_by_other', 'owned_by_other', 'phone_not_proven', 'throttled');
  ALTER TABLE "registration_attempts" ALTER COLUMN "outcome" SET DATA TYPE "public"."enum_registration_attempts_outcome" USING "outcome"::"public"."enum_registration_attempts_outcome";
  DROP INDEX "registration_attempts_client_address_idx";
  DROP INDEX "phone_codes_client_address_idx";
  ALTER TABLE "registration_attempts" DROP COLUMN "client_address";
  ALTER TABLE "phone_codes" DROP COLUMN "client_address";`)
}
