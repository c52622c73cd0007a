// `npm run bench:alarm-storm`: an alarm storm while data flows. Seeds pumps (each with a partner whose contact takes
// critical mail, and a model whose catalog makes code S1 critical) into a database of its own, runs the ingestion in
// this process, simulated modems publishing data at --rate for --seconds, and from second 10 a storm: every
// (100 / --storm)-th pump raises S1 once, spread over --storm-seconds. The notifications job's drain loop
// (drainNotifications, every 15 s as in the server) sends to a real SMTP sink (smtp-server) meanwhile and until the
// queue is empty. Prints the cards' publish→DB latency, the alarm records' raise→record latency, what was queued,
// lost or doubled, and the drain pace beside the sink's own pace for one sender.
//
// Options: --pumps N (100000), --rate N (10000 msg/s), --seconds S (90), --storm P (10 %), --storm-seconds S (60),
// --partners N (100), --database NAME (hp_bench_storm).
// Broker: MQTT_URL, else an embedded aedes in a child process. Database: DATABASE_URL's server, else embedded.
import { SMTPServer } from 'smtp-server'

import { freePort } from '../src/runtime/ports'
import { collectGarbageSooner } from '../src/runtime/heap'
import { exportToEnvironment, settings } from '../src/settings'
import { benchBroker, benchDatabase, child, machineLine, numericOption as option } from './bench-support'

const PUMPS = option('pumps', 100_000)
const RATE = option('rate', 10_000)
const SECONDS = option('seconds', 90)
const STORM_PERCENT = option('storm', 10)
const STORM_SECONDS = option('storm-seconds', 60)
const PARTNERS = option('partners', 100)
const named = process.argv.indexOf('--database')
const DATABASE = named >= 0 ? process.argv[named + 1] : 'hp_bench_storm'
const TEAM = 'team@bench.local'

type Row = Record<string, string | number | null>
type Db = { execute: (query: unknown) => Promise<{ rows: Row[] }> }

/** A real SMTP server taking every mail as fast as it can; counts them. */
async function smtpSink() {
  let received = 0
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.resume()
      stream.on('end', () => {
        received++
        callback()
      })
    },
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return { port, received: () => received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

/** The sink's pace for one sender sending one mail after another (what the drain loop does). */
async function sinkPace(send: (message: { to: string; subject: string; text: string }) => Promise<unknown>) {
  const count = 300
  const started = performance.now()
  for (let i = 0; i < count; i++) await send({ to: TEAM, subject: `pace ${i}`, text: 'x'.repeat(600) })
  return count / ((performance.now() - started) / 1000)
}

async function seed(db: Db, sql: (strings: TemplateStringsArray, ...values: unknown[]) => unknown) {
  const started = Date.now()
  await db.execute(
    sql`insert into models (name, code, updated_at, created_at) values ('Storm model', 'STORM', now(), now())`,
  )
  await db.execute(sql`
    insert into models_alarm_catalog (_order, _parent_id, id, code, severity, text_ru, text_en)
    select 1, id, 'storm-s1', 'S1', 'critical', 'Авария S1', 'Alarm S1' from models where code = 'STORM'`)
  await db.execute(sql`
    insert into partners (name, certified, contacts_email, alarm_mail_language, updated_at, created_at)
    select 'Storm partner ' || i, true, 'partner' || i || '@bench.local', 'en', now(), now()
    from generate_series(1, ${PARTNERS}) i`)
  await db.execute(sql`
    insert into partners_alarm_mail_severities ("order", parent_id, value)
    select o, p.id, v::enum_partners_alarm_mail_severities from partners p, (values (1, 'critical'), (2, 'major')) d(o, v)
    where not exists (select 1 from partners_alarm_mail_severities s where s.parent_id = p.id)`)
  await db.execute(sql`
    insert into pumps (serial, status, online, model_id, responsible_partner_id, updated_at, created_at)
    select 'BENCH-' || lpad(i::text, 6, '0'), 'in_operation', false, (select id from models where code = 'STORM'),
      (select min(id) from partners) + (i % ${PARTNERS}), now(), now()
    from generate_series(1, ${PUMPS}) i`)
  await db.execute(sql`analyze`)
  console.log(
    `[bench] ${PUMPS.toLocaleString('en')} pumps, ${PARTNERS} partners seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  )
}

async function main(): Promise<void> {
  collectGarbageSooner() // as `npm start` and `npm run worker` do (src/runtime/prepare.ts)
  const database = await benchDatabase(DATABASE)
  exportToEnvironment({ databaseUrl: database.url, payloadSecret: settings.payloadSecret ?? 'bench-secret' })
  settings.alarmEmailTo = TEAM
  const [
    { getPayload },
    { default: config, ingestionHost },
    { applyMigrations },
    { closePayload },
    { Ingester },
    { sql },
    job,
  ] = await Promise.all([
    import('payload'),
    import('../payload.config'),
    import('../src/services/migrations'),
    import('../src/services/close'),
    import('../plugins/mqtt-ingest/ingester'),
    import('@payloadcms/db-postgres'),
    import('../src/services/notification-job'),
  ])
  const { smtpMailAdapter } = await import('../src/services/mail-smtp')
  const payload = await getPayload({ config })
  await applyMigrations(payload)
  const db = (payload.db as unknown as { drizzle: Db }).drizzle
  await seed(db, sql as never)

  const sink = await smtpSink()
  // The product's SMTP adapter (its pool of connections), as the server sends.
  const mail = smtpMailAdapter({ host: '127.0.0.1', port: sink.port, from: 'registry@bench.local' })({ payload })
  const send = (message: object) => mail.sendEmail(message as never)
  const pace = await sinkPace(send)
  const paceMails = sink.received()

  const external = settings.mqttUrl
  const broker = external ? { url: external, stop: () => {} } : await benchBroker()
  const ingester = new Ingester(payload, {
    url: broker.url,
    shareGroup: null,
    flushIntervalMs: 100,
    sweepIntervalMs: 3_600_000,
    host: { ...ingestionHost, telemetry: undefined },
  })
  await ingester.start()
  await ingester.ready()
  ingester.resetLatency()

  // The notifications job: a drain run every 15 s, as the server's schedule runs it.
  let stopJob = false
  let firstSentAt = 0
  const drains: Promise<void> = (async () => {
    while (!stopJob) {
      const tick = Date.now()
      const outcome = await job.drainNotifications(payload, send, {
        serverUrl: 'https://registry.bench',
        maxAttempts: 5,
      })
      if (outcome.sent && !firstSentAt) firstSentAt = tick
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 15_000 - (Date.now() - tick))))
    }
  })()

  const started = Date.now()
  const data = child(['scripts/bench-publisher.ts', broker.url, String(RATE), String(SECONDS), String(PUMPS)])
  await new Promise((resolve) => setTimeout(resolve, 10_000))
  const every = Math.round(100 / STORM_PERCENT)
  const storm = child([
    'scripts/bench-storm-publisher.ts',
    broker.url,
    String(PUMPS),
    String(every),
    String(STORM_SECONDS),
  ])
  const stormSent = (JSON.parse((await storm.output).trim().split('\n').pop()!) as { sent: number }).sent
  const dataSent = (JSON.parse((await data.output).trim().split('\n').pop()!) as { sent: number }).sent
  const received = ingester.counts.received
  await ingester.drained()
  const publishSeconds = (Date.now() - started) / 1000
  const cards = ingester.latencyPercentiles()

  // Until nothing is queued or being sent (or 30 minutes).
  const deadline = Date.now() + 30 * 60_000
  const pending = async () =>
    Number((await db.execute(sql`select count(*) n from notifications where state in ('queued', 'sending')`)).rows[0].n)
  while ((await pending()) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 1000))
  const drainedAt = Date.now()
  stopJob = true
  await drains
  await ingester.stop()

  const records = (
    await db.execute(sql`
    select count(*) n,
      percentile_cont(0.5) within group (order by extract(epoch from created_at - raised_at) * 1000) p50,
      percentile_cont(0.99) within group (order by extract(epoch from created_at - raised_at) * 1000) p99,
      max(extract(epoch from created_at - raised_at) * 1000) max
    from alarms where code = 'S1'`)
  ).rows[0]
  const notes = (
    await db.execute(sql`
    select count(*) n, count(*) filter (where n.state = 'sent') sent, count(*) filter (where n.state = 'failed') failed,
      count(*) - count(distinct (n.alarm_id, n.kind, n.channel, n.recipient)) doubled,
      (select count(*) from alarms a where a.code = 'S1' and not exists (select 1 from notifications m
        where m.alarm_id = a.id and m.recipient = ${TEAM})) + (select count(*) from alarms a where a.code = 'S1' and
        not exists (select 1 from notifications m where m.alarm_id = a.id and m.recipient like 'partner%')) missing,
      extract(epoch from max(n.sent_at) - min(n.sent_at)) span
    from notifications n join alarms a on a.id = n.alarm_id where a.code = 'S1'`)
  ).rows[0]
  const all = Number((await db.execute(sql`select count(*) n from notifications where state = 'sent'`)).rows[0].n)
  const mailed = sink.received() - paceMails
  const ms = (value: unknown) => `${Math.round(Number(value))} ms`
  const drainSeconds = (drainedAt - (firstSentAt || drainedAt)) / 1000

  console.log(
    `\n${PUMPS.toLocaleString('en')} pumps; data at ${RATE.toLocaleString('en')} msg/s for ${SECONDS} s; storm: ${STORM_PERCENT} % of the pumps raise S1 (critical) within ${STORM_SECONDS} s, from second 10\n`,
  )
  console.log('| figure | value |')
  console.log('|---|---|')
  console.log(
    `| data messages sent / taken (all topics, storm included) | ${(dataSent + stormSent).toLocaleString('en')} / ${received.toLocaleString('en')} |`,
  )
  console.log(`| messages per second taken | ${Math.round(received / publishSeconds).toLocaleString('en')} |`)
  console.log(`| cards, publish→DB p50 / p99 | ${ms(cards.p50)} / ${ms(cards.p99)} |`)
  console.log(
    `| storm alarms sent / S1 records opened | ${stormSent.toLocaleString('en')} / ${Number(records.n).toLocaleString('en')} |`,
  )
  console.log(
    `| alarm records, publish→record p50 / p99 / max | ${ms(records.p50)} / ${ms(records.p99)} / ${ms(records.max)} |`,
  )
  console.log(
    `| notifications queued for S1 (partner + team each) | ${Number(notes.n).toLocaleString('en')} (expected ${(2 * Number(records.n)).toLocaleString('en')}) |`,
  )
  console.log(`| missing / queued twice / failed | ${notes.missing} / ${notes.doubled} / ${notes.failed} |`)
  console.log(
    `| e-mails sent (log) / taken by the SMTP sink | ${all.toLocaleString('en')} / ${mailed.toLocaleString('en')} |`,
  )
  console.log(
    `| drain: first job run with mail → queue empty | ${drainSeconds.toFixed(0)} s (${(all / Math.max(1, drainSeconds)).toFixed(0)} mails/s) |`,
  )
  console.log(`| the sink's own pace, one sender, one mail after another | ${pace.toFixed(0)} mails/s |`)
  console.log(
    `\n${machineLine()}; database: ${database.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL server'}; broker: ${external ?? 'embedded aedes'}`,
  )

  // The adapter's pooled connections stay open (the server keeps them for its life): the sink is not waited for.
  await Promise.race([sink.close(), new Promise((resolve) => setTimeout(resolve, 2000))])
  broker.stop()
  await closePayload(payload)
  await database.embedded?.stop()
  process.exit(0)
}

main().catch((error: Error) => {
  console.error(`[bench] ${error.stack ?? error.message}`)
  process.exit(1)
})
