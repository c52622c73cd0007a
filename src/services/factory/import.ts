// The import of produced pumps from the factory's file: every row checked first, then all pumps, their history
// events, printed passwords and device keys created in one transaction (or nothing), and the secrets handed back
// once, sealed (handouts.ts). Bulk SQL: ten thousand Local API creates would take minutes.
import { randomUUID } from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'
import { APIError, ValidationError, type PayloadRequest } from 'payload'

import { checkImport, describeProblem, serialsOf, type ImportRow } from '../../domain/factory-import'
import { inUserLanguage } from '../../i18n'
import { generateDeviceKey } from '../device-keys'
import { recordEventsInBulk } from '../history'
import { onlyStaff } from '../lifecycle/asking'
import { generatePumpPassword } from '../pump-passwords'
import { inTransaction, transactionDb } from '../transaction'
import { confirmFactoryPassword, fileProblem } from './asking'
import { storeHandout, type FlashingEntry, type LabelEntry } from './handouts'
import { importFileKind, readImportFile } from './import-file'

export type ImportInput = { fileName: string; data: Buffer; password: unknown }
export type ImportResult = { batch: string; created: number; labelsToken: string; flashingToken: string }

type Rows<T> = { rows: T[] }
type Model = { id: number; code: string }

async function existingSerials(req: PayloadRequest, serials: string[]): Promise<Set<string>> {
  const db = await transactionDb(req)
  const result = (await db.execute(
    sql`select serial from pumps where serial in (select jsonb_array_elements_text(${JSON.stringify(serials)}::jsonb))`,
  )) as unknown as Rows<{ serial: string }>
  return new Set(result.rows.map((row) => row.serial))
}

async function modelsByCode(req: PayloadRequest): Promise<Map<string, Model>> {
  const db = await transactionDb(req)
  const result = (await db.execute(sql`select id, upper(code) as code from models`)) as unknown as Rows<Model>
  return new Map(result.rows.map((model) => [model.code, model]))
}

/** Checks the whole file; a 400 listing every problem by row and column otherwise. */
async function checkedRows(req: PayloadRequest, input: ImportInput, models: Map<string, Model>) {
  const kind = importFileKind(input.fileName, input.data)
  if (!kind) throw fileProblem(req, { en: 'Upload a CSV or XLSX file', ru: 'Загрузите файл CSV или XLSX' })
  const table = await readImportFile(kind, input.data)
  if (!table)
    throw fileProblem(req, {
      en: `The file is not a readable ${kind.toUpperCase()}`,
      ru: `Файл не читается как ${kind.toUpperCase()}`,
    })
  const checked = checkImport(table, {
    now: new Date(),
    modelCodes: new Set(models.keys()),
    existingSerials: await existingSerials(req, serialsOf(table)),
  })
  if (checked.ok) return checked.rows
  const language = req.i18n?.language === 'ru' ? 'ru' : 'en'
  const errors = checked.problems.map((problem) => ({
    path: `rows.${problem.row}.${problem.column}`,
    message: describeProblem(problem, language),
  }))
  throw new ValidationError({ collection: 'pumps', errors, req }, req.t)
}

type Prepared = ImportRow & { modelId: number; password: string; passwordHash: string; key: string; keyHash: string }

function withSecrets(req: PayloadRequest, rows: ImportRow[], models: Map<string, Model>): Prepared[] {
  const secret = req.payload.secret
  return rows.map((row) => {
    const { password, hash } = generatePumpPassword(secret)
    const deviceKey = generateDeviceKey()
    const modelId = models.get(row.modelCode)!.id
    return { ...row, modelId, password, passwordHash: hash, key: deviceKey.key, keyHash: deviceKey.hash(secret) }
  })
}

/** The pumps, in one statement; their ids in the rows' order. */
async function insertPumps(req: PayloadRequest, rows: Prepared[]): Promise<number[]> {
  const db = await transactionDb(req)
  const records = rows.map((row) => ({
    serial: row.serial,
    model: row.modelId,
    passwordHash: row.passwordHash,
    keyHash: row.keyHash,
    sim: row.iccid,
    produced: row.productionDate.toISOString(),
    note: row.note,
  }))
  const result = (await db.execute(sql`insert into pumps
      (serial, model_id, status, password_hash, device_key_hash, sim_number, production_date, note)
    select r.serial, r.model, 'produced'::enum_pumps_status, r."passwordHash", r."keyHash", r.sim, r.produced, r.note
    from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(serial varchar, model integer,
      "passwordHash" varchar, "keyHash" varchar, sim varchar, produced timestamptz, note varchar)
    returning id, serial`)) as unknown as Rows<{ id: number; serial: string }>
  const ids = new Map(result.rows.map((row) => [row.serial, row.id]))
  return rows.map((row) => ids.get(row.serial)!)
}

function isUniqueViolation(error: unknown): boolean {
  const { code, cause } = error as { code?: string; cause?: { code?: string } }
  return code === '23505' || cause?.code === '23505'
}

/** Another import (or a person) created one of the serials between the check and the insert: nothing was written. */
function createdMeanwhile(req: PayloadRequest): APIError {
  const message = inUserLanguage(req, {
    en: 'Some of these serials were created meanwhile (another import?): nothing was imported; upload the file again to see which',
    ru: 'Некоторые из этих серийных номеров только что созданы (другой импорт?): ничего не импортировано; загрузите файл снова, чтобы увидеть какие',
  })
  return new APIError(message, 409, null, true)
}

/** Imports the file, confirmed with the caller's password: all pumps or none. */
export async function importPumps(req: PayloadRequest, input: ImportInput): Promise<ImportResult> {
  onlyStaff(req)
  const models = await modelsByCode(req)
  const rows = await checkedRows(req, input, models)
  await confirmFactoryPassword(req, input.password, { en: 'no pumps were imported', ru: 'насосы не импортированы' })
  const prepared = withSecrets(req, rows, models)
  const batch = randomUUID()
  const file = input.fileName.slice(0, 200)
  return inTransaction(req, async () => {
    const ids = await insertPumps(req, prepared).catch((error) => {
      throw isUniqueViolation(error) ? createdMeanwhile(req) : error
    })
    await recordEventsInBulk(
      req,
      prepared.map((row, index) => ({
        pump: ids[index],
        kind: 'status',
        from: 'created',
        to: 'produced',
        source: 'import',
        comment: file,
        data: {
          file,
          row: row.row,
          batch,
          model: row.modelId,
          productionDate: row.productionDate.toISOString(),
          issued: ['password', 'deviceKey'],
        },
      })),
    )
    const labels: LabelEntry[] = prepared.map((row) => ({
      serial: row.serial,
      model: row.modelCode,
      password: row.password,
    }))
    const flashing: FlashingEntry[] = prepared.map((row) => ({ serial: row.serial, deviceKey: row.key }))
    const labelsToken = await storeHandout(req, batch, ids, { kind: 'labels', entries: labels })
    const flashingToken = await storeHandout(req, batch, ids, { kind: 'flashing', entries: flashing })
    return { batch, created: ids.length, labelsToken, flashingToken }
  })
}

export function importedMessage(req: PayloadRequest, created: number) {
  return inUserLanguage(req, {
    en: `Imported ${created} pumps. Download the labels and the flashing file now: each can be downloaded once`,
    ru: `Импортировано насосов: ${created}. Скачайте этикетки и файл для прошивки сейчас: каждый скачивается один раз`,
  })
}
