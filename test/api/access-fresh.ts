// Documents the access tests read, update or delete, made with full rights (Local API, no access checks).
import { onePagePdf } from '../../src/seed/pdf'
import { unique, type World } from '../support/fixtures'
import { payload } from '../support/world-suite'

export type Id = number | string

// ISO 3166-1 leaves these codes to users: test countries take them, freeing one left by an earlier run.
const USER_ASSIGNED_CODES = [
  'AA',
  'ZZ',
  ...'MNOPQRSTUVWXYZ'.split('').map((c) => `Q${c}`),
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((c) => `X${c}`),
]
let countryCodeSeq = 0
export async function freeCountryCode(): Promise<string> {
  const code = USER_ASSIGNED_CODES[countryCodeSeq++ % USER_ASSIGNED_CODES.length]
  await payload.delete({ collection: 'countries', where: { code: { equals: code } } })
  return code
}

export const russiaId = async () =>
  (await payload.find({ collection: 'countries', where: { code: { equals: 'RU' } } })).docs[0].id

// Fresh documents for update/delete attempts, made with full rights.
export const fresh = {
  user: async (w: World) =>
    (
      await payload.create({
        collection: 'users',
        data: { email: `${unique('u')}@test.local`, password: w.password, role: 'service' },
      })
    ).id,
  partner: async () => (await payload.create({ collection: 'partners', data: { name: unique('Partner') } })).id,
  buyer: async (w: World) =>
    (
      await payload.create({
        collection: 'buyers',
        data: {
          phone: `+7914${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
          username: '',
          password: w.password,
        },
      })
    ).id,
  model: async () =>
    (await payload.create({ collection: 'models', data: { name: unique('Model'), code: unique('M') } })).id,
  country: async () =>
    (
      await payload.create({
        collection: 'countries',
        data: { code: await freeCountryCode(), name: unique('Country') },
      })
    ).id,
  objectType: async () =>
    (await payload.create({ collection: 'objectTypes', data: { code: unique('ot'), name: unique('Type') } })).id,
  pump: async () => (await payload.create({ collection: 'pumps', data: { serial: unique('SN') } })).id,
  /** An open alarm record of a pump (written as the ingestion writes them: no API), with a code of its own. */
  alarm: async (pump: Id) =>
    (
      await payload.create({
        collection: 'alarms',
        data: { pump: pump as number, code: unique('E'), severity: 'major', raisedAt: new Date().toISOString() },
      })
    ).id,
  /** A push device of owner X (registered as the app registers them: no plain API). */
  device: async (w: World) =>
    (
      await payload.create({
        collection: 'devices',
        data: { buyer: w.ownerX.id, token: unique('push-token-'), language: 'ru' },
      })
    ).id,
  /** A notification of a fresh alarm of a pump (queued as the ingestion queues them: no API). */
  notification: async (pump: Id) => {
    const alarm = await fresh.alarm(pump)
    return (
      await payload.create({
        collection: 'notifications',
        data: {
          alarm: alarm as number,
          channel: 'email',
          recipient: 'team@test.local',
          language: 'ru',
          state: 'queued',
          kind: 'raised',
        },
      })
    ).id
  },
  /** A history event of a pump (written as the lifecycle service writes them: Local API, full rights). */
  pumpEvent: async (pump: Id) =>
    (
      await payload.create({
        collection: 'pumpEvents',
        data: {
          pump: pump as number,
          kind: 'status',
          at: new Date().toISOString(),
          from: 'created',
          to: 'produced',
          actor: 'system',
          source: 'import',
        },
      })
    ).id,
  manual: async () =>
    (
      await payload.create({
        collection: 'manuals',
        data: { title: unique('Manual') },
        file: {
          data: onePagePdf('Test manual'),
          mimetype: 'application/pdf',
          name: `${unique('manual')}.pdf`,
          size: 0,
        },
      })
    ).id,
}

// The registration audit log, owners' feedback and phone codes.
export const made = {
  attempt: async () =>
    (
      await payload.create({
        collection: 'registrationAttempts',
        data: { flow: 'owner_registration', serial: unique('S'), outcome: 'wrong_credentials' },
      })
    ).id,
  feedback: async (w: World) =>
    (
      await payload.create({
        collection: 'feedback',
        data: { buyer: w.ownerX.id, email: 'x@example.com', message: unique('m') },
      })
    ).id,
  phoneCode: async () =>
    (
      await payload.create({
        collection: 'phoneCodes',
        data: { phone: '+79120000001', codeHash: unique('h'), expiresAt: new Date(Date.now() + 60_000).toISOString() },
      })
    ).id,
  region: async () =>
    (
      await payload.create({
        collection: 'regions',
        data: { code: unique('XX-R'), name: unique('Region'), timezone: 'Europe/Moscow', country: await russiaId() },
      })
    ).id,
}
